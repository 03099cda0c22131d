// The one tap every byte of a connection passes: it stamps each chunk, frames it into packets,
// decodes them with the connection's protocol version and records trace entries.
import { ConnectionDecoder, MqttFramer, toHex, type DecodedPacket, type Direction, type Frame, type FramerOptions } from '@shared/mqtt';
import type { LifecycleEvent, TraceEntry } from '@shared/model/trace';
import { traceNow } from './clock';

export type TraceSink = (entry: TraceEntry) => void;
export type PacketListener = (dir: Direction, packet: DecodedPacket, bytes: Uint8Array) => void;

export class ConnectionTap {
  private seq = 0;
  private readonly decoder = new ConnectionDecoder();
  private readonly framers: Record<Direction, MqttFramer>;

  constructor(
    readonly connectionId: string,
    private readonly sink: TraceSink,
    private readonly onPacket: PacketListener = () => {},
    options: FramerOptions = {},
  ) {
    this.framers = { c2s: new MqttFramer(options), s2c: new MqttFramer(options) };
  }

  /** Records bytes that crossed the wire in one direction. */
  bytes(dir: Direction, chunk: Uint8Array): void {
    const time = traceNow();
    for (const frame of this.framers[dir].push(chunk)) this.record(dir, frame, time);
  }

  lifecycle(event: LifecycleEvent): void {
    this.sink({ kind: 'lifecycle', connectionId: this.connectionId, seq: this.seq++, time: traceNow(), event });
  }

  /** The stream ended: bytes left inside an incomplete packet are recorded as such. */
  end(): void {
    const time = traceNow();
    for (const dir of ['c2s', 's2c'] as const) {
      for (const frame of this.framers[dir].end()) this.record(dir, frame, time);
    }
  }

  private record(dir: Direction, frame: Frame, time: number): void {
    // Entries are written out in full, not spread from a base: this runs for every packet.
    const connectionId = this.connectionId;
    const seq = this.seq++;
    if (frame.kind === 'packet') {
      const packet = this.decoder.decode(dir, frame.bytes);
      this.sink({
        kind: 'packet',
        connectionId,
        seq,
        time,
        dir,
        hex: toHex(frame.bytes),
        typeName: packet.typeName,
        protocolLevel: packet.protocolLevel,
        problemCount: packet.problems.length,
      });
      this.onPacket(dir, packet, frame.bytes);
    } else if (frame.kind === 'oversize') {
      const message = `A packet of ${frame.declaredSize} bytes, over the maximum packet size; its bytes were skipped`;
      this.sink({ kind: 'frame-error', connectionId, seq, time, dir, reason: 'oversize', hex: toHex(frame.header), message });
    } else {
      this.sink({ kind: 'frame-error', connectionId, seq, time, dir, reason: frame.kind, hex: toHex(frame.bytes), message: frame.message });
    }
  }
}
