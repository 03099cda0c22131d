import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../testing/seeded-random';
import { CAPTURE_PCAPNG } from '../../../testdata/mosquitto-capture/load';
import { CaptureProblems } from './capture-problems';
import type { CapturedFrame } from './captured-frame';
import { PcapngReader, readPcapngFrames, type InterfaceStatistics } from './pcapng-file';
import { PCAPNG_BLOCK_TYPES, PCAPNG_OPTIONS } from './file-formats';
import { sectionHeaderBlock } from './pcapng-blocks';

const shape = (frame: CapturedFrame) => ({ offset: frame.offset, time: frame.time, linkType: frame.linkType, data: Buffer.from(frame.data).toString('hex') });

/** Reads the bytes given in pieces cut at `cuts`. */
function readInPieces(bytes: Uint8Array, cuts: number[]) {
  const frames: ReturnType<typeof shape>[] = [];
  const problems = new CaptureProblems();
  const statistics: InterfaceStatistics[] = [];
  const reader = new PcapngReader((frame) => frames.push(shape(frame)), problems, (said) => statistics.push(said));
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    reader.push(bytes.subarray(from, cut));
    from = cut;
  }
  reader.end();
  return { frames, problems: problems.list(), statistics, broken: reader.broken };
}

/** An Interface Statistics Block, little-endian, with both drop counters. */
function statisticsBlock(interfaceDropped: number, captureDropped: number): Uint8Array {
  const bytes = new Uint8Array(12 + 12 + 12 + 12 + 4);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, PCAPNG_BLOCK_TYPES.interfaceStatistics, true);
  view.setUint32(4, bytes.length, true);
  view.setUint32(8, 0, true);
  view.setUint16(20, PCAPNG_OPTIONS.interfaceDropped, true);
  view.setUint16(22, 8, true);
  view.setBigUint64(24, BigInt(interfaceDropped), true);
  view.setUint16(32, PCAPNG_OPTIONS.captureDropped, true);
  view.setUint16(34, 8, true);
  view.setBigUint64(36, BigInt(captureDropped), true);
  view.setUint32(bytes.length - 4, bytes.length, true);
  return bytes;
}

describe('PcapngReader', () => {
  const capture = readFileSync(CAPTURE_PCAPNG);

  it('reads a capture that comes in pieces, cut anywhere, as it reads the whole file', () => {
    const whole: ReturnType<typeof shape>[] = [];
    readPcapngFrames(capture, (frame) => whole.push(shape(frame)), new CaptureProblems());
    expect(whole.length).toBeGreaterThan(10);
    const r = seededRandom(24);
    for (let round = 0; round < 40; round++) {
      const cuts = Array.from({ length: 1 + r.int(60) }, () => r.int(capture.length)).sort((a, b) => a - b);
      const read = readInPieces(capture, cuts);
      expect(read.problems).toEqual([]);
      expect(read.frames).toEqual(whole);
    }
    // A byte at a time.
    expect(readInPieces(capture, Array.from({ length: capture.length - 1 }, (_, index) => index + 1)).frames).toEqual(whole);
  });

  it('ends at a block whose length cannot be, with its offset, having read every block before it', () => {
    const broken = Buffer.concat([capture, Uint8Array.of(6, 0, 0, 0, 13, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)]);
    const read = readInPieces(broken, [capture.length + 3]);
    expect(read.broken).toBe(true);
    expect(read.problems).toEqual([{ offset: capture.length, message: `pcapng block at byte ${capture.length} has a length of 13, which no block can have: the file is broken here` }]);
    const whole: unknown[] = [];
    readPcapngFrames(capture, (frame) => whole.push(frame), new CaptureProblems());
    expect(read.frames).toHaveLength(whole.length);
  });

  it('refuses a block longer than its bound before waiting for its bytes', () => {
    const problems = new CaptureProblems();
    const reader = new PcapngReader(() => {}, problems, () => {}, 1024);
    reader.push(sectionHeaderBlock('test'));
    const huge = new Uint8Array(12);
    new DataView(huge.buffer).setUint32(0, PCAPNG_BLOCK_TYPES.enhancedPacket, true);
    new DataView(huge.buffer).setUint32(4, 64 * 1024 * 1024, true);
    reader.push(huge);
    expect(reader.broken).toBe(true);
    expect(problems.list()[0].message).toMatch(/claims 67108864 bytes, more than a block read here may have \(1024\)/);
  });

  it('says what the capture dropped, from its statistics blocks', () => {
    // dumpcap ends a capture with one (it dropped nothing then).
    expect(readInPieces(capture, []).statistics).toEqual([{ interfaceId: 0, interfaceDropped: 0 }]);
    const read = readInPieces(Buffer.concat([capture, statisticsBlock(3, 7)]), []);
    expect(read.statistics.at(-1)).toEqual({ interfaceId: 0, interfaceDropped: 3, captureDropped: 7 });
  });
});
