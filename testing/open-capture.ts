// A capture file opened as the app opens one (read, imported into a trace store, each session
// viewed), and the small pcap the capture tests build: one TCP connection's handshake, CONNECT
// and CONNACK, then however the client left.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import type { CapturedSession } from '../shared/model/capture';
import type { SessionSummary } from '../shared/model/session-summary';
import type { SessionStory } from '../shared/model/session-story';
import { readCaptureFile } from '../electron/engine/trace-store/read-capture-file';
import { TraceStore } from '../electron/engine/trace-store/trace-store';
import { FLAGS, pcapFile, tcpPeers, type Peer } from './pcap-builder';

export interface OpenedCapture {
  sessions: CapturedSession[];
  summaries: SessionSummary[];
  stories: SessionStory[];
}

/**
 * Opens files each in a store of its own, disposed after each test; call it at the top of a test
 * file. A file that reads with problems fails the test.
 */
export function captureOpener(): (bytes: Uint8Array, name: string) => Promise<OpenedCapture> {
  const stores: TraceStore[] = [];
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.dispose()));
  });
  return async (bytes, name) => {
    const store = new TraceStore(mkdtempSync(path.join(tmpdir(), 'mqttscope-capture-')));
    stores.push(store);
    await store.start();
    const { sessions, problems } = readCaptureFile(bytes, name);
    expect(problems).toEqual([]);
    const summaries = (await store.importSessions(sessions)).map(({ summary }) => summary);
    const stories = await Promise.all(summaries.map(async (summary) => (await store.view(summary.id)).story));
    return { sessions, summaries, stories };
  };
}

/**
 * A pcap (Linux cooked v2, one millisecond between packets from `start`) of one connection: the
 * TCP handshake, the client's CONNECT, the broker's CONNACK, then the client's last segment
 * (`last`, with `lastFlags`) and the broker's FIN.
 */
export function connectionCapture(options: { client: Peer; broker: Peer; start: number; connect: Uint8Array; connack: Uint8Array; last?: Uint8Array; lastFlags: number }): Uint8Array {
  const packet = tcpPeers(options.client, options.broker);
  const { syn, ack, fin } = FLAGS;
  const { connect, connack } = options;
  const frames = [
    packet('client', 0, undefined, syn),
    packet('broker', 0, undefined, syn | ack),
    packet('client', 1, undefined, ack),
    packet('client', 1, connect),
    packet('broker', 1, connack),
    packet('client', 1 + connect.length, options.last, options.lastFlags),
    packet('broker', 1 + connack.length, undefined, fin | ack),
  ];
  return pcapFile({ little: true, linkType: 228, packets: frames.map((data, index) => ({ time: options.start + index, data })) });
}
