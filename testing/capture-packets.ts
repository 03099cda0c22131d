// The MQTT packets of a captured session, framed from its chunks the way the trace tap frames
// them: what tests compare with tshark's packets and with the mosquitto capture's.
import type { CapturedSession } from '@shared/model/capture';
import { MqttFramer, toHex, type Direction } from '@shared/mqtt';

export interface FramedPacket {
  dir: Direction;
  /** The time of the chunk the packet completed in, in whole microseconds. */
  timeMicros: number;
  hex: string;
}

export function framedPackets(session: CapturedSession): FramedPacket[] {
  const framers = { c2s: new MqttFramer(), s2c: new MqttFramer() };
  const packets: FramedPacket[] = [];
  for (const chunk of session.chunks) {
    for (const frame of framers[chunk.dir].push(chunk.bytes)) {
      if (frame.kind !== 'packet') throw new Error(`${session.id} ${chunk.dir}: ${frame.kind} bytes in the stream`);
      packets.push({ dir: chunk.dir, timeMicros: Math.round(chunk.time * 1000), hex: toHex(frame.bytes) });
    }
  }
  for (const dir of ['c2s', 's2c'] as const) if (framers[dir].pending > 0) throw new Error(`${session.id} ${dir}: ${framers[dir].pending} bytes left inside a packet`);
  return packets;
}
