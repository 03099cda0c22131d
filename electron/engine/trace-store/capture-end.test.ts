// A capture opened in the store ends where its TCP stream ended, after its last packet: a client
// whose DISCONNECT and FIN share one segment (flags AP..F) said goodbye.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { endSentence } from '@shared/model/outcome';
import { encodePacket } from '@shared/mqtt/encode';
import { toHex } from '@shared/mqtt';
import { CAPTURE_MQTT_PORTS, CAPTURE_PCAPNG } from '../../../testdata/mosquitto-capture/load';
import { captureOpener, connectionCapture } from '../../../testing/open-capture';
import { FLAGS } from '../../../testing/pcap-builder';
import { tsharkRead } from '../../../testing/tshark';
import { readCaptureFile } from './read-capture-file';
import { encodeTraceFile, readTraceFile } from './trace-file';

const T0 = 1_700_000_000_000;
const connect = encodePacket({ type: 'CONNECT', clientId: 'leaver', will: { topic: 'leaver/gone', payload: 'x' } });
const connack = encodePacket({ type: 'CONNACK', code: 0 });
const disconnect = encodePacket({ type: 'DISCONNECT' });
const DISCONNECT_HEX = toHex(disconnect);

/** Handshake, CONNECT, CONNACK, then the client's DISCONNECT in the segment carrying its FIN. */
const disconnectWithFin = () =>
  connectionCapture({ client: { address: '127.0.0.1', port: 40_001 }, broker: { address: '127.0.0.1', port: 1883 }, start: T0, connect, connack, last: disconnect, lastFlags: FLAGS.psh | FLAGS.ack | FLAGS.fin });

const openInStore = captureOpener();

describe('a DISCONNECT in the segment that carries the FIN', () => {
  it('ends the session after the DISCONNECT, opened from a pcap', async () => {
    const { stories } = await openInStore(disconnectWithFin(), 'fin.pcap');
    expect(stories[0].end).toMatchObject({ by: 'client', disconnectSent: true, afterPacket: 'DISCONNECT (client → broker)' });
    expect(endSentence(stories[0])).toMatch(/after DISCONNECT$/);
  });

  it('ends the session after the DISCONNECT, saved as a trace and opened again', async () => {
    const { sessions } = readCaptureFile(disconnectWithFin(), 'fin.pcap');
    const saved = Buffer.concat(encodeTraceFile(sessions));
    // The file itself holds the end after the DISCONNECT, for any reader of the format.
    const [read] = readTraceFile(saved).sessions;
    expect(read.lifecycle.map((record) => record.event.phase)).toEqual(['tcp', 'closed']);
    const { stories } = await openInStore(saved, 'fin.mqtrace');
    expect(stories[0].end).toMatchObject({ by: 'client', disconnectSent: true, afterPacket: 'DISCONNECT (client → broker)' });
  });

  it('ends each session of the real dumpcap capture after its DISCONNECT wherever tshark sees it share a segment with the FIN', async () => {
    const shared = tsharkRead(CAPTURE_PCAPNG, CAPTURE_MQTT_PORTS).filter((frame) => (frame.tcpFlags! & FLAGS.fin) !== 0 && frame.mqtt.includes(DISCONNECT_HEX));
    // The capture has them (mosquitto's clients write the DISCONNECT and close at once).
    expect(shared.length).toBeGreaterThan(0);
    const { sessions, stories } = await openInStore(readFileSync(CAPTURE_PCAPNG), 'capture.pcapng');
    for (const frame of shared) {
      const index = sessions.findIndex((session) => session.id === `stream-${frame.stream}`);
      // Not always right after it: in stream 7 the broker's SUBACK comes after the client's FIN.
      expect({ stream: frame.stream, end: stories[index].end, sentence: endSentence(stories[index]) }).toMatchObject({ stream: frame.stream, end: { by: 'client', disconnectSent: true }, sentence: expect.stringMatching(/after DISCONNECT$/) });
    }
  });
});
