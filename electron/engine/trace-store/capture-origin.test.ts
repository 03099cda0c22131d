// A capture is somebody else's client: opened from a pcap or pcapng (or a saved trace of one),
// its story says "the client", never "this client", which only this app's own connections say.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CapturedSession } from '@shared/model/capture';
import { endSentence } from '@shared/model/outcome';
import { encodePacket } from '@shared/mqtt/encode';
import { CAPTURE_PCAPNG } from '../../../testdata/mosquitto-capture/load';
import { FLAGS, pcapFile, tcpPeers } from '../../../testing/pcap-builder';
import { readCaptureFile } from './read-capture-file';
import { encodeTraceFile } from './trace-file';
import { TraceStore } from './trace-store';

const T0 = 1_700_000_000_000;
const connect = encodePacket({ type: 'CONNECT', clientId: 'dropper', will: { topic: 'dropper/gone', payload: 'x' } });
const connack = encodePacket({ type: 'CONNACK', code: 0 });

/** Handshake, CONNECT with a will, CONNACK, then the client's FIN without a DISCONNECT. */
function droppedWithoutDisconnect(): Uint8Array {
  const packet = tcpPeers({ address: '10.0.0.7', port: 40_002 }, { address: '10.0.0.2', port: 1883 });
  const { syn, ack, fin } = FLAGS;
  const frames = [
    packet('client', 0, undefined, syn),
    packet('broker', 0, undefined, syn | ack),
    packet('client', 1, undefined, ack),
    packet('client', 1, connect),
    packet('broker', 1, connack),
    packet('client', 1 + connect.length, undefined, fin | ack),
    packet('broker', 1 + connack.length, undefined, fin | ack),
  ];
  return pcapFile({ little: true, linkType: 228, packets: frames.map((data, index) => ({ time: T0 + index, data })) });
}

const stores: TraceStore[] = [];
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.dispose()));
});

/** The file opened as the app opens one: read, imported into a store, each session viewed. */
async function open(bytes: Uint8Array, name: string) {
  const store = new TraceStore(mkdtempSync(path.join(tmpdir(), 'mqttscope-capture-origin-')));
  stores.push(store);
  await store.start();
  const { sessions, problems } = readCaptureFile(bytes, name);
  expect(problems).toEqual([]);
  const summaries = (await store.importSessions(sessions)).map(({ summary }) => summary);
  const stories = await Promise.all(summaries.map(async (summary) => (await store.view(summary.id)).story));
  return { sessions, summaries, stories };
}

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
