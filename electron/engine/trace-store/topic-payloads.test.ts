// A topic's payloads for a plot: the newest of a seq range, oldest first, paged back and caught up
// from the newest held; text only for UTF-8 payloads of short packets; the same from the session
// recorded live and from its file read back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mqttPacket from 'mqtt-packet';
import { afterEach, describe, expect, it } from 'vitest';
import { ConnectionTap } from '../trace/tap';
import { replayTraceFile } from './replay';
import { SessionQueries } from './session-queries';
import { SessionRecorder } from './session-recorder';
import { TraceReader } from './trace-reader';
import { PAYLOAD_TEXT_PACKET_BYTES } from '@shared/limits';

const publish = (topic: string, payload: Buffer | string) => mqttPacket.generate({ cmd: 'publish', topic, payload: Buffer.from(payload), qos: 0, retain: false, dup: false } as mqttPacket.Packet);

const closing: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closing.splice(0).map((close) => close()));
});

/** A session whose client received these PUBLISH packets, one chunk each, a millisecond apart. */
async function recorded(packets: readonly Buffer[]): Promise<{ live: SessionQueries; file: string }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-payloads-')), 'payloads.trace');
  const recorder = SessionRecorder.create(file, { id: 'payloads', origin: 'client', label: 'payloads', startTime: 1000 });
  closing.push(() => recorder.close());
  const tap = new ConnectionTap('payloads', (entry) => recorder.entry(entry), undefined, { onChunk: (_id, dir, chunk, time) => recorder.chunk(dir, chunk, time) });
  tap.bytes('c2s', mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clientId: 'payloads', clean: true, keepalive: 60 }), 1000);
  tap.bytes('s2c', mqttPacket.generate({ cmd: 'connack', returnCode: 0, sessionPresent: false }), 1001);
  packets.forEach((packet, at) => tap.bytes('s2c', packet, 1002 + at));
  await recorder.flush();
  return { live: recorder.queries, file };
}

describe('a topic’s payloads', () => {
  it('gives the newest of a range oldest first, says when older ones were left out, and pages back', async () => {
    const packets = Array.from({ length: 10 }, (_, n) => publish(n % 2 === 0 ? 'temp' : 'other', String(n)));
    const { live } = await recorded(packets);
    const newest = await live.topics.payloads('temp', { limit: 3 });
    expect(newest.messages.map((message) => message.text)).toEqual(['4', '6', '8']);
    expect(newest).toMatchObject({ more: true, total: 5 });
    expect(newest.messages.map((message) => message.time)).toEqual([1006, 1008, 1010]);
    const older = await live.topics.payloads('temp', { beforeSeq: newest.messages[0].seq, limit: 3 });
    expect(older.messages.map((message) => message.text)).toEqual(['0', '2']);
    expect(older.more).toBe(false);
    // Caught up from the newest one held: nothing new, then only what came after it.
    expect(await live.topics.payloads('temp', { afterSeq: newest.messages[2].seq, limit: 3 })).toEqual({ messages: [], more: false, total: 5 });
    expect((await live.topics.payloads('temp', { afterSeq: older.messages[1].seq, limit: 10 })).messages.map((message) => message.text)).toEqual(['4', '6', '8']);
    expect(await live.topics.payloads('no/such/topic', { limit: 3 })).toEqual({ messages: [], more: false, total: 0 });
  });

  it('reads text only from UTF-8 payloads of packets up to the bound, and answers the same from the file', async () => {
    const header = publish('t', '').length;
    const fits = 'x'.repeat(PAYLOAD_TEXT_PACKET_BYTES - header - 2);
    const packets = [publish('t', '21.5'), publish('t', Buffer.from([0xff, 0xfe])), publish('t', fits), publish('t', `${fits}xxx`), publish('t', '{"temp":20.5}')];
    expect(packets[2].length).toBeLessThanOrEqual(PAYLOAD_TEXT_PACKET_BYTES);
    expect(packets[3].length).toBeGreaterThan(PAYLOAD_TEXT_PACKET_BYTES);
    const { live, file } = await recorded(packets);
    const answer = await live.topics.payloads('t', { limit: 10 });
    expect(answer.messages.map(({ text, long }) => ({ text, long }))).toEqual([
      { text: '21.5', long: undefined },
      { text: undefined, long: undefined },
      { text: fits, long: undefined },
      { text: undefined, long: true },
      { text: '{"temp":20.5}', long: undefined },
    ]);
    const replayed = await replayTraceFile(file, { keepOpen: true });
    expect(await new SessionQueries(replayed.index, TraceReader.ofHandle(replayed.handle!)).topics.payloads('t', { limit: 10 })).toEqual(answer);
    await replayed.handle!.close();
  });
});
