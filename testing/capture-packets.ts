// The MQTT packets of a captured session, framed from its chunks the way the trace tap frames
// them: what tests compare with tshark's packets and with the mosquitto capture's.
import type { CapturedSession } from '@shared/model/capture';
import { MqttFramer, toHex, type Direction } from '@shared/mqtt';

export interface FramedPacket {
  dir: Direction;
  /** Epoch milliseconds of the chunk the packet completed in. */
  time: number;
  hex: string;
}

export function framedPackets(session: CapturedSession): FramedPacket[] {
  const framers = { c2s: new MqttFramer(), s2c: new MqttFramer() };
  const packets: FramedPacket[] = [];
  for (const chunk of session.chunks) {
    for (const frame of framers[chunk.dir].push(chunk.bytes)) {
      if (frame.kind !== 'packet') throw new Error(`${session.id} ${chunk.dir}: ${frame.kind} bytes in the stream`);
      packets.push({ dir: chunk.dir, time: chunk.time, hex: toHex(frame.bytes) });
    }
  }
  for (const dir of ['c2s', 's2c'] as const) if (framers[dir].pending > 0) throw new Error(`${session.id} ${dir}: ${framers[dir].pending} bytes left inside a packet`);
  return packets;
}

/**
 * `ours` with each time replaced by the expected one where they differ by less than
 * `toleranceMs`: compared with `toEqual`, a wrong time still shows, as itself, in the diff.
 */
export function withTimesWithin<T extends { time: number }>(ours: T[], expected: readonly { time: number }[], toleranceMs: number): T[] {
  return ours.map((packet, index) => {
    const theirs = expected[index]?.time;
    return theirs !== undefined && Math.abs(packet.time - theirs) < toleranceMs ? { ...packet, time: theirs } : packet;
  });
}
