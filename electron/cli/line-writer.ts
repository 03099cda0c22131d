// Lines to standard output, gathered for OUTPUT_GATHER_MS into one write (or per
// OUTPUT_BATCH_CHARS): a write of its own for each line was a fifth of a busy broker's work, and
// one a turn of the event loop still a write for every three messages of a flood.
// What waits has a bound. On a pipe Node writes asynchronously: a reader slower than the traffic
// (a paused `| less`, a busy consumer) would make every line wait in this process. Past the bound
// lines are left out, and the first line written after says how many, as JSON so a program
// reading `--json` output can read it too.
import type { Writable } from 'node:stream';
import { MAX_WAITING_OUTPUT, OUTPUT_BATCH_CHARS, OUTPUT_GATHER_MS } from '../engine/limits';

export interface LineWriter {
  (line: string): void;
  /** Writes the lines gathered so far, now, in one write. */
  flush(): void;
}

export function lineWriter(stream: Writable, maxWaiting = MAX_WAITING_OUTPUT, batchChars = OUTPUT_BATCH_CHARS, gatherMs = OUTPUT_GATHER_MS): LineWriter {
  let leftOut = 0;
  let gathered: string[] = [];
  let gatheredChars = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (gathered.length === 0) return;
    const text = gathered.join('');
    gathered = [];
    gatheredChars = 0;
    // A reader that went away (`| head`) is not written to again, at exit neither.
    if (!stream.destroyed) stream.write(text);
  };
  const gather = (text: string) => {
    gathered.push(text);
    gatheredChars += text.length;
  };
  const write = (line: string) => {
    if (stream.writableLength + gatheredChars > maxWaiting) {
      leftOut++;
      return;
    }
    if (leftOut > 0) {
      gather(`${JSON.stringify({ event: 'output-left-out', lines: leftOut, why: 'the reader of this output fell behind' })}\n`);
      leftOut = 0;
    }
    gather(`${line}\n`);
    if (gatheredChars >= batchChars) flush();
    else timer ??= setTimeout(flush, gatherMs);
  };
  return Object.assign(write, { flush });
}

/** The program's standard output. A command ends by returning, and the event loop then waits
 *  for every write; a program that ends at once instead (process.exit, an error nobody catches)
 *  has its gathered lines written at exit, where Node cannot wait: they arrive as far as the
 *  output takes them at once (a file, a terminal, a pipe with room). */
export function standardOutput(): LineWriter {
  const out = lineWriter(process.stdout);
  process.once('exit', () => out.flush());
  return out;
}
