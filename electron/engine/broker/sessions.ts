// What the broker holds, read through aedes-persistence's documented API: the sessions of
// connected and persistent clients (subscriptions, queued messages, will) and retained messages.
import type { Readable } from 'node:stream';
import type { BrokerSession, MessagePreview } from '@shared/model/broker';
import { payloadPreview } from '@shared/model/payload-preview';
import { BROKER_PREVIEW_BYTES as PREVIEW_BYTES } from '../limits';

interface StoredPacket {
  topic: string;
  qos?: number;
  retain?: boolean;
  payload?: Buffer | string;
}

/** The part of aedes-persistence this module reads. */
export interface SessionStore {
  subscriptionsByClient(client: { id: string }): Promise<{ topic: string; qos: number }[] | null>;
  outgoingStream(client: { id: string }): Readable;
  getWill(client: { id: string }): Promise<StoredPacket | undefined | null>;
  createRetainedStreamCombi(patterns: string[]): Readable;
}

export function preview(packet: StoredPacket): MessagePreview {
  const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : (packet.payload ?? Buffer.alloc(0));
  return { topic: packet.topic, qos: packet.qos ?? 0, retain: packet.retain ?? false, bytes: payload.length, preview: payloadPreview(payload, PREVIEW_BYTES) };
}

async function collect(stream: Readable): Promise<StoredPacket[]> {
  const packets: StoredPacket[] = [];
  for await (const packet of stream) packets.push(packet as StoredPacket);
  return packets;
}

/** What a connected client holds now, read from the client itself: Aedes stores the subscriptions
 *  of a clean-session client nowhere else. */
export interface LiveClientState {
  connected: boolean;
  clean: boolean;
  will?: StoredPacket | null;
  subscriptions?: { topic: string; qos: number }[];
}

export async function readSession(store: SessionStore, clientId: string, live: LiveClientState): Promise<BrokerSession> {
  const [subscriptions, queued, storedWill] = await Promise.all([
    live.subscriptions ?? store.subscriptionsByClient({ id: clientId }),
    collect(store.outgoingStream({ id: clientId })),
    live.will === undefined ? store.getWill({ id: clientId }) : Promise.resolve(live.will),
  ]);
  return {
    clientId,
    connected: live.connected,
    clean: live.clean,
    subscriptions: (subscriptions ?? []).map(({ topic, qos }) => ({ topic, qos })),
    queued: queued.map(preview),
    ...(storedWill ? { will: preview(storedWill) } : {}),
  };
}

export async function readRetained(store: SessionStore): Promise<MessagePreview[]> {
  return (await collect(store.createRetainedStreamCombi(['#']))).map(preview);
}
