import { PassThrough, Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPrintThenExitProgram, runProgram } from '../../testing/cli-program';
import { until } from '../../testing/wait';
import { lineWriter } from './line-writer';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

/** A stream that keeps each write it is given, as one string. */
function countingStream() {
  const writes: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes.push(chunk.toString());
      callback();
    },
  });
  return { stream, writes };
}

describe('lineWriter', () => {
  it('keeps at most its bound waiting for a reader that stopped, then says how many lines it left out', async () => {
    const pipe = new PassThrough({ highWaterMark: 1024 });
    const write = lineWriter(pipe, 10_000);
    // Nobody reads: after the first 10 kB every line is left out, nothing more is held.
    for (let index = 0; index < 5_000; index++) write(`line ${index} ${'x'.repeat(90)}`);
    // The lines gathered go out together: all of them, and no more than the bound.
    await until(() => pipe.writableLength > 0, 'the gathered lines written');
    expect(pipe.writableLength).toBeGreaterThan(9_000);
    expect(pipe.writableLength).toBeLessThan(10_000 + 200);

    const chunks: Buffer[] = [];
    pipe.on('data', (chunk: Buffer) => chunks.push(chunk));
    await nextTurn();
    write('after the reader came back');
    write.flush();
    pipe.end();
    await new Promise((resolve) => pipe.on('end', resolve));
    const lines = Buffer.concat(chunks).toString().trim().split('\n');
    const notice = JSON.parse(lines.at(-2)!);
    expect(notice).toMatchObject({ event: 'output-left-out', why: 'the reader of this output fell behind' });
    expect(lines.length - 2 + notice.lines).toBe(5_000);
    expect(lines.at(-1)).toBe('after the reader came back');
  });

  it('gathers the lines of a turn into few writes (one per batch), every line whole and in order', async () => {
    const { stream, writes } = countingStream();
    const batch = 64 * 1024;
    const write = lineWriter(stream, 16 * 1024 * 1024, batch);
    const lines = Array.from({ length: 20_000 }, (_, index) => `{"line":${index},"pad":"${'x'.repeat(40)}"}`);
    for (const line of lines) write(line);
    const expected = lines.map((line) => `${line}\n`).join('');
    await until(() => writes.join('').length === expected.length, 'every line written');
    expect(writes.join('')).toBe(expected);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(expected.length / batch) + 1);
    expect(writes.length).toBeLessThan(lines.length / 500);
  });

  it('writes what was printed together in one write, then what came after in the next', async () => {
    const { stream, writes } = countingStream();
    const write = lineWriter(stream);
    write('a');
    write('b');
    expect(writes).toEqual([]);
    await until(() => writes.length === 1, 'the first write');
    write('c');
    await until(() => writes.length === 2, 'the second write');
    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });
});

describe('standard output of a program that ends right after printing', () => {
  let program: string;
  beforeAll(async () => {
    program = await buildPrintThenExitProgram();
  }, 60_000);

  const ran = (args: string[]) => runProgram(program, args);
  const printed = (count: number) => Array.from({ length: count }, (_, index) => `line ${index}\n`).join('');

  it('every line arrives, in order, from a program that returns right after printing, past what a pipe holds', async () => {
    const result = await ran(['100000', 'return']);
    expect(result.code).toBe(0);
    expect(result.stdout === printed(100_000), `${result.stdout.length} characters of ${printed(100_000).length}`).toBe(true);
  });

  // Node cannot wait for a write at exit: what the pipe takes at once is what arrives. Less than
  // a pipe holds (64 KiB on Linux), all of it gathered by then, arrives only if it is written there.
  it.each([
    ['process.exit', 'exit', 0],
    ['an uncaught error', 'throw', 1],
  ])('every line arrives, in order, when %s ends the program right after printing', async (_how, ending, code) => {
    const result = await ran(['5000', ending as string]);
    expect(result.code).toBe(code);
    expect(result.stdout).toBe(printed(5_000));
    if (code === 1) expect(result.stderr).toContain('the program failed right after printing');
  });
});
