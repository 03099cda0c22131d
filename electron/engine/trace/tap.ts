// The one tap every byte of a connection passes: it stamps each chunk, frames it into packets,
// decodes them with the connection's protocol version and records trace entries.
import { ConnectionDecoder, MqttFramer, PACKET_TYPE_IDS, type DecodedPacket, type Direction, type FramerOptions, type UnframedBytes } from '@shared/mqtt';
import { packetTypeName } from '@shared/mqtt/constants';
import { plainlyClean } from '@shared/mqtt/plainly-clean';
import { summarize } from '@shared/mqtt/summary';
import type { CloseCause, LifecycleEvent, RecordedEntry } from '@shared/model/trace';
import { traceNow } from './clock';
import { DEFAULT_MAX_PACKET_SIZE as DEFAULT_TRACED_PACKET_SIZE, MAX_TRACED_PACKET_SIZE } from '../limits';

/** Told of every entry in its turn; a packet's bytes are a view of what crossed the wire. */
export type TraceSink = (entry: RecordedEntry) => void;
export type PacketListener = (dir: Direction, packet: DecodedPacket, bytes: Uint8Array) => void;

export interface TapOptions extends FramerOptions {
  /** The stream in this direction cannot be framed any further (after the entry is recorded). */
  onUnframeable?: (dir: Direction, message: string) => void;
  /** Every chunk as it is recorded, in capture order with the entries (the trace store's). */
  onChunk?: ChunkListener;
  /** The packets the listener is told of, from their direction and first byte (all when not
   *  given): a plainly clean packet it is not told of is not decoded either. */
  listensTo?: (dir: Direction, firstByte: number) => boolean;
}

export type ChunkListener = (connectionId: string, dir: Direction, chunk: Uint8Array, time: number) => void;

type Pending =
  | { kind: 'bytes'; dir: Direction; chunk: Uint8Array; time: number }
  | { kind: 'skipped'; dir: Direction; bytes: Uint8Array; message: string; time: number }
  | { kind: 'lifecycle'; event: LifecycleEvent; time: number }
  | { kind: 'end'; time: number }
  | { kind: 'closed'; by: CloseCause; error?: { code?: string; message: string }; time: number };

export class ConnectionTap {
  private seq = 0;
  private readonly decoder = new ConnectionDecoder();
  private readonly framers: Record<Direction, MqttFramer>;
  /** Set while the frames of one chunk are recorded; what arrives meanwhile waits its turn. */
  private recording = false;
  private readonly waiting: Pending[] = [];
  private clientDisconnected = false;

  constructor(
    readonly connectionId: string,
    private readonly sink: TraceSink,
    /** Told of every packet with its tree; without one, a plainly clean packet is not decoded. */
    private readonly onPacket?: PacketListener,
    private readonly options: TapOptions = {},
  ) {
    const maxPacketSize = Math.min(options.maxPacketSize ?? DEFAULT_TRACED_PACKET_SIZE, MAX_TRACED_PACKET_SIZE);
    this.framers = { c2s: new MqttFramer({ ...options, maxPacketSize }), s2c: new MqttFramer({ ...options, maxPacketSize }) };
  }

  /** Records bytes that crossed the wire in one direction. */
  bytes(dir: Direction, chunk: Uint8Array, time = traceNow()): void {
    this.take({ kind: 'bytes', dir, chunk, time });
  }

  /** Bytes of the stream that are not framed, and why: a capture that joined the connection
   *  inside a packet, or bytes it never saw. Framing goes on with the next bytes as they are. */
  skipped(dir: Direction, bytes: Uint8Array, message: string, time = traceNow()): void {
    this.take({ kind: 'skipped', dir, bytes, message, time });
  }

  lifecycle(event: LifecycleEvent, time = traceNow()): void {
    this.take({ kind: 'lifecycle', event, time });
  }

  /** The stream ended: bytes left inside an incomplete packet are recorded as such. */
  end(time = traceNow()): void {
    this.take({ kind: 'end', time });
  }

  /**
   * The connection is over: records what was left unframed, then who ended it. After the
   * client's DISCONNECT the end is the client's, whichever side's FIN came first: the broker
   * closes at once on a DISCONNECT [MQTT-3.14.4-1], so the order of the FINs says nothing.
   */
  closed(by: CloseCause, error?: { code?: string; message: string }, time = traceNow()): void {
    this.end(time);
    // Queued like the rest: a DISCONNECT still being recorded counts.
    this.take({ kind: 'closed', by, ...(error ? { error } : {}), time });
  }

  /**
   * Records in capture order. A listener told of a packet may send one back at once (a PUBACK
   * for a PUBLISH); the rest of the chunk that PUBLISH came in arrived earlier, so it is
   * recorded first and the reply, stamped when it was sent, after it.
   */
  private take(item: Pending): void {
    if (this.recording) {
      // A plan may send 50,000 packets from one CONNACK's listener: read in order by index,
      // never shifted off the front (that would be quadratic).
      this.waiting.push(item);
      return;
    }
    this.recording = true;
    try {
      this.apply(item);
      for (let index = 0; index < this.waiting.length; index++) this.apply(this.waiting[index]);
    } finally {
      this.waiting.length = 0;
      this.recording = false;
    }
  }

  private apply(item: Pending): void {
    if (item.kind === 'bytes') {
      const { dir, time } = item;
      this.options.onChunk?.(this.connectionId, dir, item.chunk, time);
      // Scanned, not pushed: no frame object a packet.
      this.framers[dir].scan(
        item.chunk,
        (buffer, start, end) => this.recordPacket(dir, buffer.subarray(start, end), time),
        (frame) => this.recordUnframed(dir, frame, time),
      );
    } else if (item.kind === 'skipped') {
      // Not part of the stream recorded (its chunks start after them): they take no place in it.
      this.sink({ kind: 'frame-error', connectionId: this.connectionId, seq: this.seq++, time: item.time, dir: item.dir, reason: 'truncated', bytes: item.bytes, message: item.message, streamBytes: 0 });
    } else if (item.kind === 'lifecycle') {
      this.sink({ kind: 'lifecycle', connectionId: this.connectionId, seq: this.seq++, time: item.time, event: item.event });
    } else if (item.kind === 'closed') {
      const by = !item.error && this.clientDisconnected ? 'client' : item.by;
      this.sink({ kind: 'lifecycle', connectionId: this.connectionId, seq: this.seq++, time: item.time, event: { phase: 'closed', by, ...(item.error ? { error: item.error } : {}) } });
    } else {
      for (const dir of ['c2s', 's2c'] as const) {
        for (const frame of this.framers[dir].end()) this.recordUnframed(dir, frame, item.time);
      }
    }
  }

  private recordPacket(dir: Direction, bytes: Uint8Array, time: number): void {
    // Entries are written out in full, not spread from a base: this runs for every packet.
    const connectionId = this.connectionId;
    const seq = this.seq++;
    const level = this.decoder.protocolLevel;
    const told = this.onPacket !== undefined && (this.options.listensTo?.(dir, bytes[0]) ?? true);
    if (!told && plainlyClean(bytes, level)) {
      // A broker's or a proxy's flood, a client's own sends and the messages it need not answer:
      // nobody here reads their tree, and they have no problem to count; the UI decodes one if a
      // person opens it.
      const facts = summarize(bytes, level);
      this.sink({ kind: 'packet', connectionId, seq, time, dir, bytes, facts, typeName: packetTypeName(facts.type), protocolLevel: level, problemCount: 0, plainlyClean: true });
      return;
    }
    // The one decode of this packet: the tree for the listener and the story, the facts for the rest.
    const packet = this.decoder.decode(dir, bytes);
    if (dir === 'c2s' && packet.type === PACKET_TYPE_IDS.DISCONNECT) this.clientDisconnected = true;
    this.sink({
      kind: 'packet',
      connectionId,
      seq,
      time,
      dir,
      bytes,
      facts: summarize(bytes, packet.protocolLevel),
      typeName: packet.typeName,
      protocolLevel: packet.protocolLevel,
      problemCount: packet.problems.length,
      decoded: packet,
    });
    if (told) this.onPacket!(dir, packet, bytes);
  }

  /** What is not a whole packet: bytes over the size limit, an unframeable stream, a stream's cut end. */
  private recordUnframed(dir: Direction, frame: UnframedBytes, time: number): void {
    const connectionId = this.connectionId;
    const seq = this.seq++;
    if (frame.kind === 'oversize') {
      const message = `A packet of ${frame.declaredSize} bytes, over the maximum packet size; its bytes were skipped`;
      this.sink({ kind: 'frame-error', connectionId, seq, time, dir, reason: 'oversize', bytes: frame.header, message, streamBytes: frame.declaredSize });
    } else {
      const streamBytes = frame.kind === 'malformed' ? frame.streamBytes : undefined;
      this.sink({ kind: 'frame-error', connectionId, seq, time, dir, reason: frame.kind, bytes: frame.bytes, message: frame.message, ...(streamBytes !== undefined ? { streamBytes } : {}) });
      if (frame.kind === 'malformed') this.options.onUnframeable?.(dir, frame.message);
    }
  }
}
