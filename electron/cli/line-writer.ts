// Lines to standard output, gathered into one write per turn of the event loop (or per
// OUTPUT_BATCH_CHARS): a write of its own for each line was a fifth of a busy broker's work.
// Nothing gathered is lost when the program ends: what waits is written at exit too.
// What waits has a bound. On a pipe Node writes asynchronously: a reader slower than the traffic
// (a paused `| less`, a busy consumer) would make every line wait in this process. Past the bound
// lines are left out, and the first line written after says how many, as JSON so a program
// reading `--json` output can read it too.
import type { Writable } from 'node:stream';
import { OUTPUT_BATCH_CHARS } from '../engine/limits';

/** Bytes of output that may wait for the reader. */
const MAX_WAITING_OUTPUT = 16 * 1024 * 1024;

export interface LineWriter {
  (line: string): void;
  /** Writes the lines gathered so far, now, in one write. */
  flush(): void;
}

export function lineWriter(stream: Writable, maxWaiting = MAX_WAITING_OUTPUT, batchChars = OUTPUT_BATCH_CHARS): LineWriter {
  let leftOut = 0;
  let gathered: string[] = [];
  let gatheredChars = 0;
  let scheduled = false;
  const flush = () => {
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
    else if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        flush();
      });
    }
  };
  return Object.assign(write, { flush });
}

/** The program's standard output, its gathered lines written at exit too, however the program
 *  ends (its end, an error, a signal a command handles, process.exit): at exit only synchronous
 *  writes happen, which Node's standard output makes to files, and to pipes and terminals on Linux. */
export function standardOutput(): LineWriter {
  const out = lineWriter(process.stdout);
  process.once('exit', () => out.flush());
  return out;
}
