// Lines to standard output, gathered for OUTPUT_GATHER_MS into one write (or per
// OUTPUT_BATCH_BYTES): a write of its own for each line was a fifth of a busy broker's work, and
// one a turn of the event loop still a write for every three messages of a flood. Each line is
// encoded into the batch's bytes as it comes: no joined string to flatten and encode again (a
// line with an arrow is a two-byte string, and so was a batch joined from such lines).
// What waits has a bound. On a pipe Node writes asynchronously: a reader slower than the traffic
// (a paused `| less`, a busy consumer) would make every line wait in this process. Past the bound
// lines are left out, and the first line written after says how many, as JSON so a program
// reading `--json` output can read it too.
import type { Writable } from 'node:stream';
import { MAX_WAITING_OUTPUT, OUTPUT_BATCH_BYTES, OUTPUT_GATHER_MS } from '../engine/limits';

export interface LineWriter {
  (line: string): void;
  /** Writes the lines gathered so far, now, in one write. */
  flush(): void;
}

const NEWLINE = 0x0a;
/** The most bytes UTF-8 takes for one UTF-16 unit. */
const UTF8_PER_UNIT = 3;

export function lineWriter(stream: Writable, maxWaiting = MAX_WAITING_OUTPUT, batchBytes = OUTPUT_BATCH_BYTES, gatherMs = OUTPUT_GATHER_MS): LineWriter {
  let leftOut = 0;
  let batch = Buffer.allocUnsafe(batchBytes);
  let used = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A reader that went away (`| head`) is not written to again, at exit neither.
  const send = (bytes: Buffer) => !stream.destroyed && stream.write(bytes);
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (used === 0) return;
    // The stream keeps what it was given until written: the next lines go to a new batch.
    const bytes = batch.subarray(0, used);
    batch = Buffer.allocUnsafe(batchBytes);
    used = 0;
    send(bytes);
  };
  /** Into the batch; when the line might not fit, what the batch holds goes first. */
  const gather = (line: string) => {
    const most = line.length * UTF8_PER_UNIT + 1;
    if (used + most > batch.length) flush();
    // A line longer than a batch goes alone.
    if (most > batch.length) return void send(Buffer.from(`${line}\n`));
    used += batch.write(line, used);
    batch[used++] = NEWLINE;
  };
  const write = (line: string) => {
    if (stream.writableLength + used > maxWaiting) {
      leftOut++;
      return;
    }
    if (leftOut > 0) {
      gather(JSON.stringify({ event: 'output-left-out', lines: leftOut, why: 'the reader of this output fell behind' }));
      leftOut = 0;
    }
    gather(line);
    if (used > 0) timer ??= setTimeout(flush, gatherMs);
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
