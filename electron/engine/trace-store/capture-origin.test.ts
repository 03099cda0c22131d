// A capture is somebody else's client: opened from a pcap or pcapng (or a saved trace of one),
// its story says "the client", never "this client", which only this app's own connections say.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CapturedSession } from '@shared/model/capture';
import { endSentence } from '@shared/model/outcome';
import { encodePacket } from '@shared/mqtt/encode';
import { CAPTURE_PCAPNG } from '../../../testdata/mosquitto-capture/load';
import { captureOpener, connectionCapture } from '../../../testing/open-capture';
import { FLAGS } from '../../../testing/pcap-builder';
import { readCaptureFile } from './read-capture-file';
import { encodeTraceFile } from './trace-file';

const T0 = 1_700_000_000_000;
const connect = encodePacket({ type: 'CONNECT', clientId: 'dropper', will: { topic: 'dropper/gone', payload: 'x' } });
const connack = encodePacket({ type: 'CONNACK', code: 0 });

/** Handshake, CONNECT with a will, CONNACK, then the client's FIN without a DISCONNECT. */
const droppedWithoutDisconnect = () =>
  connectionCapture({ client: { address: '10.0.0.7', port: 40_002 }, broker: { address: '10.0.0.2', port: 1883 }, start: T0, connect, connack, lastFlags: FLAGS.fin | FLAGS.ack });

/** The file opened as the app opens one: read, imported into a store, each session viewed. */
const open = captureOpener();

const saved = (sessions: CapturedSession[]) => Buffer.concat(encodeTraceFile(sessions));

describe('who closed a connection read from a file', () => {
  it('a pcap of a client that left without DISCONNECT: closed by the client, not this client', async () => {
    const { summaries, stories } = await open(droppedWithoutDisconnect(), 'dropped.pcap');
    expect(summaries[0].origin).toBe('file');
    expect(stories[0].origin).toBe('file');
    expect(endSentence(stories[0])).toBe('closed by the client: no DISCONNECT was sent, so the broker publishes the will (to dropper/gone)');
  });

  it('the real dumpcap capture: every session the client closed says “the client”', async () => {
    const { stories } = await open(readFileSync(CAPTURE_PCAPNG), 'capture.pcapng');
    const byClient = stories.filter((story) => story.end?.by === 'client');
    expect(byClient.length).toBeGreaterThan(0);
    for (const story of stories) expect(story.origin).toBe('file');
    for (const story of byClient) expect(endSentence(story)).toMatch(/^closed by the client\b/);
  }, 30_000);

  it('a saved trace keeps the origin it was recorded with: a capture’s says “the client”, this app’s own says “this client”', async () => {
    const { sessions } = readCaptureFile(droppedWithoutDisconnect(), 'dropped.pcap');
    const fromCapture = await open(saved(sessions), 'dropped.mqtrace');
    expect(fromCapture.stories[0].origin).toBe('file');
    expect(endSentence(fromCapture.stories[0])).toMatch(/^closed by the client: no DISCONNECT was sent/);

    const own = await open(saved(sessions.map((session) => ({ ...session, origin: 'client' as const }))), 'own.mqtrace');
    expect(own.summaries[0].origin).toBe('client');
    expect(endSentence(own.stories[0])).toMatch(/^closed by this client: no DISCONNECT was sent/);
  });

  it('a saved trace of the proxy’s session says “the client”', async () => {
    const [session] = readCaptureFile(droppedWithoutDisconnect(), 'dropped.pcap').sessions;
    const proxied: CapturedSession = { ...session, origin: 'proxy', lifecycle: [{ time: session.startTime, event: { phase: 'accepted', by: 'proxy', clientAddress: '10.0.0.7:40002' } }, ...session.lifecycle] };
    const { stories } = await open(saved([proxied]), 'proxied.mqtrace');
    expect(stories[0].origin).toBe('proxy');
    expect(endSentence(stories[0])).toMatch(/^closed by the client: no DISCONNECT was sent/);
  });
});
