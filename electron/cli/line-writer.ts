// Lines to standard output with a bound on what waits in memory. On a pipe Node writes
// asynchronously: a reader slower than the traffic (a paused `| less`, a busy consumer) would
// make every line wait in this process. Past the bound lines are left out, and the first line
// written after says how many, as JSON so a program reading `--json` output can read it too.
import type { Writable } from 'node:stream';
import { MAX_WAITING_OUTPUT } from '../engine/limits';

export function lineWriter(stream: Writable, maxWaiting = MAX_WAITING_OUTPUT): (line: string) => void {
  let leftOut = 0;
  return (line) => {
    if (stream.writableLength > maxWaiting) {
      leftOut++;
      return;
    }
    if (leftOut > 0) {
      stream.write(`${JSON.stringify({ event: 'output-left-out', lines: leftOut, why: 'the reader of this output fell behind' })}\n`);
      leftOut = 0;
    }
    stream.write(`${line}\n`);
  };
}
