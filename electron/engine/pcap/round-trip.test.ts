import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CapturedSession } from '@shared/model/capture';
import { CAPTURE_MQTT_PORTS, CAPTURE_PCAPNG } from '../../../testdata/mosquitto-capture/load';
import { framedPackets, withTimesWithin } from '../../../testing/capture-packets';
import { TSHARK_WARNINGS, tsharkMatching, tsharkRead } from '../../../testing/tshark';
import { readCapture } from './read-capture';
import { writePcapng } from './write-pcapng';

const dir = mkdtempSync(path.join(tmpdir(), 'pcap-round-trip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The writer keeps whole microseconds: a time comes back within half of one. */
const HALF_MICROSECOND = 0.0005;

const original = readCapture(readFileSync(CAPTURE_PCAPNG)).sessions;
const file = path.join(dir, 'round-trip.pcapng');
writeFileSync(file, Buffer.concat(writePcapng(original)));
const again = readCapture(readFileSync(file));

function chunksOf(session: CapturedSession) {
  return session.chunks.map((chunk) => ({ dir: chunk.dir, time: chunk.time, hex: Buffer.from(chunk.bytes).toString('hex') }));
}

describe('mosquitto capture → readCapture → writePcapng → back', () => {
  it('reads back the same sessions, in the same order, with no problem', () => {
    expect(again.problems).toEqual([]);
    expect(again.sessions.map((session) => [session.id, session.label])).toEqual(original.map((session) => [session.id, session.label]));
  });

  it.each(original.map((session, index) => [session.id, session, index] as const))('%s: the same chunks, bytes and times, and the same close', (_id, session, index) => {
    const back = again.sessions[index];
    expect(withTimesWithin(chunksOf(back), chunksOf(session), HALF_MICROSECOND)).toEqual(chunksOf(session));
    const closed = (each: CapturedSession) => each.lifecycle.find((record) => record.event.phase === 'closed')?.event;
    expect(closed(back)).toEqual(closed(session));
  });

  it('tshark reads the written file as the same MQTT packets, stream by stream, and warns of nothing', () => {
    const seen = tsharkRead(file, CAPTURE_MQTT_PORTS);
    original.forEach((session, stream) => {
      const frames = seen.filter((packet) => packet.stream === stream);
      const clientPort = frames[0].srcPort;
      const theirs = frames.flatMap((packet) => packet.mqtt.map((hex) => ({ dir: packet.srcPort === clientPort ? 'c2s' : 's2c', time: packet.timeMicros / 1000, hex })));
      expect(withTimesWithin(framedPackets(session), theirs, HALF_MICROSECOND), session.id).toEqual(theirs);
    });
    expect(tsharkMatching(file, TSHARK_WARNINGS, CAPTURE_MQTT_PORTS)).toEqual([]);
  });
});
