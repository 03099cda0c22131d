// Records read the same however the file arrives (a byte at a time, in pieces, whole), a large
// record included; damage stops the reading at the offset where it is.
import { describe, expect, it } from 'vitest';
import { concatBytes } from '@shared/mqtt/field';
import { seededRandom } from '../../../testing/seeded-random';
import { fileHeader, recordHeader, RecordScanner, RECORD_HEADER_SIZE, FILE_HEADER_SIZE, type RecordHead } from './trace-format';

function file(payloads: Uint8Array[]): Uint8Array {
  return concatBytes([fileHeader(), ...payloads.flatMap((payload, index) => [recordHeader('chunk', index % 2 ? 's2c' : 'c2s', 0, 1000 + index, payload.length), payload])]);
}

function read(bytes: Uint8Array, pieceSize: (at: number) => number) {
  const records: { head: RecordHead; payload: number[]; offset: number }[] = [];
  const scanner = new RecordScanner((head, payload, offset) => records.push({ head, payload: [...payload.subarray(0, 4)], offset }));
  for (let at = 0; at < bytes.length; ) {
    const size = Math.max(1, pieceSize(at));
    // A piece in a buffer the caller reuses afterwards, as a file reader does.
    const piece = bytes.slice(at, at + size);
    scanner.push(piece);
    piece.fill(0xee);
    at += size;
  }
  return { records, problem: scanner.end() };
}

describe('RecordScanner', () => {
  const random = seededRandom(7);
  const payloads = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(1024 * 1024).fill(9), new Uint8Array([4, 5])];
  const bytes = file(payloads);

  it('reads the same records however the file is cut into pieces', () => {
    const whole = read(bytes, () => bytes.length);
    expect(whole.problem).toBeUndefined();
    expect(whole.records.map((record) => record.payload)).toEqual([[1, 2, 3], [], [9, 9, 9, 9], [4, 5]]);
    expect(whole.records[1].offset).toBe(FILE_HEADER_SIZE + RECORD_HEADER_SIZE + 3);
    for (const pieces of [() => 1 + random.int(7), () => 64 * 1024, () => 1 + random.int(300_000)]) {
      const cut = read(bytes, pieces);
      expect(cut).toEqual(whole);
    }
  });

  it('stops where the file breaks, with the offset, having handed on everything before', () => {
    const truncated = read(bytes.subarray(0, bytes.length - 1), () => 4096);
    expect(truncated.records).toHaveLength(3);
    expect(truncated.problem?.message).toMatch(/^The file ends inside a record at byte \d+ \(17 bytes of it\)$/);
    const damaged = bytes.slice();
    damaged[FILE_HEADER_SIZE + RECORD_HEADER_SIZE + 3] = 99;
    expect(read(damaged, () => 1000).problem).toEqual({ offset: FILE_HEADER_SIZE + RECORD_HEADER_SIZE + 3, message: `Record at byte ${FILE_HEADER_SIZE + RECORD_HEADER_SIZE + 3} has an unknown kind (99)` });
    expect(read(new Uint8Array(0), () => 1).problem?.message).toBe('The file is empty');
    expect(read(new TextEncoder().encode('hello, not a trace'), () => 3).problem).toEqual({ offset: 0, message: 'Not an MQTT Scope trace file (its first bytes are not the trace signature)' });
  });
});
