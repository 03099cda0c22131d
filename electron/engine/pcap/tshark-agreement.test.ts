// Every field tshark shows for the MQTT of a capture, ours too, with the same key, value, offset
// and length, read the way the app reads a capture (streams reassembled, packets tapped). The
// capture holds what the real one lacks: MQTT 5 Correlation and Authentication Data of any bytes,
// and streams caught after their CONNECT, whose CONNACK comes alone.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decode, fromHex, type Field } from '@shared/mqtt';
import { encodePacket, type CraftPacket } from '@shared/mqtt/encode';
import { toTraceEntry, type PacketEntry } from '@shared/model/trace';
import { tsharkFields } from '../../../testdata/mosquitto-capture/load';
import { pcapFile, tcpPeers } from '../../../testing/pcap-builder';
import { sameAsTshark, tsharkMqttLayers } from '../../../testing/tshark';
import { replaySession } from '../trace-store/replay';
import { readCapture } from './read-capture';

const text = (value: string) => new TextEncoder().encode(value);
const CORRELATION = 0x09;
const AUTHENTICATION_METHOD = 0x15;
const AUTHENTICATION_DATA = 0x16;

/** One connection's packets, each in a segment of its own; `from` the side that sends it. */
const STREAMS: { port: number; packets: ['client' | 'broker', CraftPacket][] }[] = [
  {
    port: 40_001,
    packets: [
      ['client', { type: 'CONNECT', protocolLevel: 5, clientId: 'correlated', properties: [{ id: AUTHENTICATION_METHOD, value: 'SCRAM-SHA-1' }, { id: AUTHENTICATION_DATA, value: Uint8Array.of(0x6e, 0x2c, 0x00, 0x2c, 0xc3) }], will: { topic: 'w', payload: 'gone', properties: [{ id: CORRELATION, value: Uint8Array.of(1, 2, 0, 0xff) }] } }],
      ['broker', { type: 'CONNACK', protocolLevel: 5, code: 0, properties: [{ id: 0x21, value: 10 }] }],
      ['client', { type: 'PUBLISH', protocolLevel: 5, topic: 'req', payload: 'a', properties: [{ id: 0x08, value: 'reply/1' }, { id: CORRELATION, value: text('req-1') }] }],
      ['client', { type: 'PUBLISH', protocolLevel: 5, topic: 'req', payload: 'b', qos: 1, packetId: 7, properties: [{ id: CORRELATION, value: Uint8Array.of(0x61, 0x62, 0x00, 0xff) }] }],
      ['client', { type: 'PUBLISH', protocolLevel: 5, topic: 'req', payload: 'c', properties: [{ id: CORRELATION, value: Uint8Array.of(0xc3, 0xa9, 0x01, 0xff, 0x7f, 0x41, 0xe2, 0x82) }] }],
      ['client', { type: 'PUBLISH', protocolLevel: 5, topic: 'req', payload: 'd', properties: [{ id: CORRELATION, value: new Uint8Array(0) }] }],
    ],
  },
  // Caught after the CONNECT: the version is unknown.
  { port: 40_002, packets: [['broker', { type: 'CONNACK', code: 0 }], ['broker', { type: 'PUBLISH', topic: 't', payload: 'z' }], ['client', { type: 'PUBACK', packetId: 3 }]] },
  { port: 40_003, packets: [['broker', { type: 'CONNACK', protocolLevel: 5, code: 0x87, properties: [{ id: 0x1f, value: 'not you' }] }]] },
  { port: 40_004, packets: [['broker', { type: 'CONNACK', code: 5, sessionPresent: false }]] },
  // A v5 CONNECT answered in the 3.1.1 form (two bytes: a broker that does not speak 5 says so
  // with return code 1 [MQTT-3.1.2-2]), then what the client sends on regardless.
  {
    port: 40_005,
    packets: [
      ['client', { type: 'CONNECT', protocolLevel: 5, clientId: 'too-new', properties: [{ id: 0x11, value: 60 }] }],
      ['broker', { type: 'CONNACK', code: 1 }],
      ['client', { type: 'DISCONNECT', protocolLevel: 5, reasonCode: 0x81, properties: [{ id: 0x1f, value: 'no v5' }] }],
    ],
  },
];

function captureFile(): string {
  const frames = STREAMS.flatMap(({ port, packets }) => {
    const segment = tcpPeers({ address: '10.0.0.1', port }, { address: '10.0.0.2', port: 1883 });
    const sent = { client: 1, broker: 1 };
    return packets.map(([from, craft]) => {
      const bytes = encodePacket(craft);
      const frame = segment(from, sent[from], bytes);
      sent[from] += bytes.length;
      return frame;
    });
  });
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-agreement-')), 'agreement.pcap');
  writeFileSync(file, pcapFile({ little: true, linkType: 228, packets: frames.map((data, index) => ({ time: 1_700_000_000_000 + index, data })) }));
  return file;
}

const flatten = (fields: readonly Field[]): Field[] => fields.flatMap((field) => [field, ...flatten(field.children ?? [])]);

describe('tshark agreement on a capture', () => {
  const file = captureFile();
  const theirs = tsharkMqttLayers(file);
  const ours: PacketEntry[] = [];
  for (const session of readCapture(readFileSync(file)).sessions) replaySession(session, (entry) => entry.kind === 'packet' && ours.push(toTraceEntry(entry) as PacketEntry));

  it('finds the same packets', () => {
    expect(ours.map((entry) => entry.hex).sort()).toEqual(theirs.map((packet) => packet.hex).sort());
    expect(ours).toHaveLength(STREAMS.flatMap((stream) => stream.packets).length);
  });

  it.each(theirs.map(({ hex, layer }, index) => [`#${index} ${hex.slice(0, 24)}`, hex, layer] as const))('%s: every field tshark shows, with the same key, value, offset and length', (_name, hex, layer) => {
    const entry = ours.find((candidate) => candidate.hex === hex)!;
    const fields = flatten(decode(fromHex(entry.hex)!, { protocolLevel: entry.protocolLevel }).fields);
    const expected = tsharkFields(layer);
    expect(expected.length).toBeGreaterThan(3);
    for (const field of expected) {
      const match = fields.find((candidate) => candidate.key === field.key && candidate.offset === field.offset);
      expect(match, `${field.key} at ${field.offset}; ours there: ${fields.filter((candidate) => candidate.offset === field.offset).map((candidate) => candidate.key).join(', ')}`).toBeDefined();
      expect(match!.length, `${field.key} length`).toBe(field.length);
      if (field.value !== undefined) expect(sameAsTshark(match!, field.value), `${field.key}: ${String(match!.value)} vs ${field.value}`).toBe(true);
    }
  });

  it('keeps every byte of binary data in its value (hex), and says the text tshark shows and the bytes in its words', () => {
    const entry = ours.find((candidate) => candidate.hex.includes('616200ff'))!;
    const correlation = flatten(decode(fromHex(entry.hex)!, { protocolLevel: entry.protocolLevel }).fields).find((field) => field.key === 'mqtt.prop_string')!;
    expect(correlation.value).toBe('616200ff');
    expect(correlation.label).toBe('Correlation Data: ab (4 bytes: 616200ff)');
  });
});
