import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lineWriter } from './line-writer';

describe('lineWriter', () => {
  it('keeps at most its bound waiting for a reader that stopped, then says how many lines it left out', async () => {
    const pipe = new PassThrough({ highWaterMark: 1024 });
    const write = lineWriter(pipe, 10_000);
    // Nobody reads: after the first 10 kB every line is left out, nothing more is held.
    for (let index = 0; index < 5_000; index++) write(`line ${index} ${'x'.repeat(90)}`);
    expect(pipe.writableLength).toBeLessThan(10_000 + 200);

    const chunks: Buffer[] = [];
    pipe.on('data', (chunk: Buffer) => chunks.push(chunk));
    await new Promise((resolve) => setImmediate(resolve));
    write('after the reader came back');
    pipe.end();
    await new Promise((resolve) => pipe.on('end', resolve));
    const lines = Buffer.concat(chunks).toString().trim().split('\n');
    const notice = JSON.parse(lines.at(-2)!);
    expect(notice).toMatchObject({ event: 'output-left-out', why: 'the reader of this output fell behind' });
    expect(lines.length - 2 + notice.lines).toBe(5_000);
    expect(lines.at(-1)).toBe('after the reader came back');
  });
});
