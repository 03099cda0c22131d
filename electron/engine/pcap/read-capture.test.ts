import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CAPTURE_PCAPNG, loadCapture, type CapturedPacket } from '../../../testdata/mosquitto-capture/load';
import { framedPackets, withTimesWithin } from '../../../testing/capture-packets';
import { readCapture } from './read-capture';

/** packets.json holds times as epoch seconds in a double: nanoseconds rounded to about 0.2 µs. */
const MICROSECOND = 0.001;

describe('readCapture on the real mosquitto capture', () => {
  const { sessions, problems } = readCapture(readFileSync(CAPTURE_PCAPNG));
  const expected = new Map<number, CapturedPacket[]>();
  for (const packet of loadCapture()) expected.set(packet.stream, [...(expected.get(packet.stream) ?? []), packet]);

  it('finds its 17 MQTT streams, with no problem', () => {
    expect(problems).toEqual([]);
    expect(sessions.map((session) => session.id)).toEqual([...expected.keys()].sort((a, b) => a - b).map((stream) => `stream-${stream}`));
    expect(sessions).toHaveLength(17);
  });

  it.each([...expected].map(([stream, packets]) => [stream, packets] as const))('stream %i: the packets framed from its chunks are tshark’s, byte for byte, direction and time', (stream, packets) => {
    const session = sessions.find((each) => each.id === `stream-${stream}`)!;
    const theirs = packets.map((packet) => ({ dir: packet.dir, time: packet.time * 1000, hex: packet.hex }));
    expect(withTimesWithin(framedPackets(session), theirs, MICROSECOND)).toEqual(theirs);
  });

  it('names the client and the broker, and what happened to the connection', () => {
    const first = sessions[0];
    expect(first).toMatchObject({ origin: 'file', client: { address: '127.0.0.1' }, broker: { address: '127.0.0.1', port: 18_883 } });
    expect(first.label).toBe(`127.0.0.1:${first.client!.port} → 127.0.0.1:18883`);
    expect(first.lifecycle.map((record) => record.event.phase)).toEqual(['tcp', 'closed']);
    expect(first.startTime).toBeLessThan(first.chunks[0].time);
  });
});
