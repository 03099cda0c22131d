// Aedes sends a QoS 1 PUBACK before it queues the message for offline subscribers. With
// persistence on, that PUBACK is held at the socket until the broker has finished publishing
// (the `published` hook, after the queue is on disk), so no acknowledged message can be lost.
import type { Duplex } from 'node:stream';
import { MqttFramer, PACKET_TYPE_IDS } from '@shared/mqtt';
import { packetTypeOf } from '@shared/mqtt/fixed-header';
import { summarize } from '@shared/mqtt/summary';

const PUBACK = PACKET_TYPE_IDS.PUBACK;

export class AckAfterStore {
  private readonly held = new WeakMap<Duplex, Map<number, Uint8Array>>();
  private readonly released = new WeakMap<Duplex, Set<number>>();
  private readonly writers = new WeakMap<Duplex, (bytes: Uint8Array) => void>();

  /** Takes over the stream's writes: whole packets pass on, PUBACKs wait for their release. */
  guard(stream: Duplex): void {
    const framer = new MqttFramer();
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    const held = new Map<number, Uint8Array>();
    this.held.set(stream, held);
    this.released.set(stream, new Set());
    this.writers.set(stream, (bytes) => write(Buffer.from(bytes)));
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      // mqtt-packet writes some pieces (a topic, say) as strings; they are bytes of the same packet.
      const piece = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (!(piece instanceof Uint8Array)) return write(chunk, ...rest);
      let result = true;
      for (const frame of framer.push(piece)) {
        const bytes = frame.kind === 'oversize' ? frame.header : frame.bytes;
        if (frame.kind === 'packet' && packetTypeOf(bytes[0]) === PUBACK && bytes.length === 4) {
          const id = summarize(bytes).packetId!;
          if (this.released.get(stream)!.delete(id)) result = write(Buffer.from(bytes));
          else held.set(id, bytes.slice());
        } else {
          result = write(Buffer.from(bytes));
        }
      }
      return result;
    }) as typeof stream.write;
  }

  /** The broker finished publishing this packet: its PUBACK may go out. */
  release(stream: Duplex | undefined, messageId: number | undefined): void {
    if (!stream || messageId === undefined) return;
    const bytes = this.held.get(stream)?.get(messageId);
    if (bytes) {
      this.held.get(stream)!.delete(messageId);
      this.writers.get(stream)?.(bytes);
    } else {
      this.released.get(stream)?.add(messageId);
    }
  }
}
