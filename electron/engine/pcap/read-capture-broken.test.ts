import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { encodePacket } from '@shared/mqtt/encode';
import { CAPTURE_PCAPNG } from '../../../testdata/mosquitto-capture/load';
import { FLAGS, pcapFile, pcapngFile, tcpPeers } from '../../../testing/pcap-builder';
import { seededRandom } from '../../../testing/seeded-random';
import { readCapture } from './read-capture';
import { MAX_CAPTURE_PROBLEMS } from '../limits';

const T0 = 1_700_000_000_000;
const connect = encodePacket({ type: 'CONNECT', clientId: 'broken' });
const packet = tcpPeers({ address: '10.9.0.1', port: 40_000 }, { address: '10.9.0.2', port: 1883 });
const ips = [packet('client', 0, undefined, FLAGS.syn), packet('client', 1, connect), packet('client', 1 + connect.length, connect)];
const timed = ips.map((data, index) => ({ time: T0 + index, data }));
const capture = readFileSync(CAPTURE_PCAPNG);

describe('readCapture on broken input: never throws, says where', () => {
  it('keeps the sessions of a pcap cut inside a record, and names the record', () => {
    const whole = pcapFile({ little: true, linkType: 228, packets: timed });
    const lastRecord = whole.length - 16 - ips[2].length;
    const { sessions, problems } = readCapture(whole.subarray(0, whole.length - 3));
    expect(sessions[0].chunks.map((chunk) => chunk.bytes)).toEqual([connect]);
    expect(problems).toEqual([{ offset: lastRecord, message: `pcap record at byte ${lastRecord} claims ${ips[2].length} bytes; the file ends at ${whole.length - 3}` }]);
  });

  it('keeps the sessions of a pcapng cut inside a block, and names the block', () => {
    const whole = pcapngFile({ little: true, interfaces: [{ linkType: 228 }], packets: timed });
    const cut = whole.length - 10;
    const { sessions, problems } = readCapture(whole.subarray(0, cut));
    expect(sessions[0].chunks.map((chunk) => chunk.bytes)).toEqual([connect]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(new RegExp(`^pcapng block at byte ${problems[0].offset} claims \\d+ bytes; the file ends at ${cut}$`));
  });

  it('reads the real capture cut anywhere up to the cut, with a problem at or before it', () => {
    const whole = readCapture(capture).sessions;
    for (const cut of [30, 1000, 9999, 15_000, capture.length - 1]) {
      const { sessions, problems } = readCapture(capture.subarray(0, cut));
      expect(problems.length, `cut at ${cut}`).toBeGreaterThan(0);
      expect(problems.every((problem) => problem.offset <= cut)).toBe(true);
      expect(sessions.length).toBeLessThanOrEqual(whole.length);
    }
  });

  it('takes an absurd length as a problem, not an allocation', () => {
    const pcap = pcapFile({ little: true, linkType: 228, packets: timed });
    new DataView(pcap.buffer).setUint32(24 + 8, 0x7fff_ffff, true);
    expect(readCapture(pcap).problems).toEqual([{ offset: 24, message: 'pcap record at byte 24 claims 2147483647 bytes, more than the 262144 a captured packet can hold: the file is broken here' }]);

    const pcapng = Uint8Array.from(capture);
    new DataView(pcapng.buffer).setUint32(4, 0xffff_fff0, true);
    expect(readCapture(pcapng).problems).toEqual([{ offset: 0, message: `pcapng block at byte 0 claims 4294967280 bytes; the file ends at ${capture.length}` }]);
  });

  it('reports garbage, an empty file and a pcapng without a section header', () => {
    expect(readCapture(new Uint8Array(0))).toEqual({ sessions: [], problems: [{ offset: 0, message: 'The file is empty' }] });
    expect(readCapture(new TextEncoder().encode('hello, world'))).toEqual({ sessions: [], problems: [{ offset: 0, message: 'Not a pcap or pcapng file: it starts with 68 65 6c 6c' }] });
    const noSection = Uint8Array.from(capture);
    noSection.set([0x0a, 0x0d, 0x0d, 0x0a, 28, 0, 0, 0, 1, 2, 3, 4], 0);
    expect(readCapture(noSection).problems).toEqual([{ offset: 0, message: 'pcapng section header at byte 0 has no byte-order magic: the file is broken here' }]);
  });

  it('reports an IPv4 fragment, an unknown link type once, and bounds the problems it lists', () => {
    const fragment = Uint8Array.from(ips[1]);
    fragment[6] |= 0x20;
    const withFragment = readCapture(pcapFile({ little: true, linkType: 228, packets: [timed[0], { time: T0 + 1, data: fragment }] }));
    expect(withFragment.problems).toEqual([{ offset: 24 + 16 + ips[0].length + 16, message: `Frame at byte ${24 + 16 + ips[0].length + 16}: IPv4 fragment skipped: fragments are not reassembled` }]);

    const unknown = readCapture(pcapFile({ little: true, linkType: 147, packets: timed }));
    expect(unknown.problems.map((problem) => problem.message)).toEqual(['Link type 147 is not one this reader knows; its packets are skipped']);

    const many = Array.from({ length: MAX_CAPTURE_PROBLEMS + 50 }, (_, index) => ({ time: T0 + index, data: fragment }));
    const problems = readCapture(pcapFile({ little: true, linkType: 228, packets: many })).problems;
    expect(problems).toHaveLength(MAX_CAPTURE_PROBLEMS + 1);
    expect(problems.at(-1)!.message).toBe('50 more problems from here on, not listed');
  });

  it('survives the real capture with random bytes changed or cut (seeded, replayable)', () => {
    const random = seededRandom(1883);
    for (let round = 0; round < 300; round++) {
      const damaged = Uint8Array.from(capture.subarray(0, random.int(capture.length + 1)));
      for (let flips = random.int(20); flips > 0; flips--) damaged[random.int(damaged.length)] = random.int(256);
      const { problems } = readCapture(damaged);
      // The reader's safety net catches what a bug would throw; it must never be needed.
      expect(problems.filter((problem) => problem.message.startsWith('The file could not be read')), `round ${round}`).toEqual([]);
    }
  });
});
