// PUBACK, PUBREC, PUBREL, PUBCOMP (v3.1.1 3.4–3.7, v5 3.4–3.7): the packet identifier; in v5
// a reason code and properties, both left out when the reason is Success and nothing follows.
import { Field, fieldKind } from '../field';
import { reasonCodeMeaning, type ReasonPacket } from '../reason-codes';
import type { PacketReader } from '../reader';
import { packetTypeOf } from '../fixed-header';
import { decodeProperties } from './properties';
import { packetIdentifier } from './publish';
import type { BodyDecoder } from './types';

const ACK_NAMES: Record<number, Extract<ReasonPacket, 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP'>> = { 4: 'PUBACK', 5: 'PUBREC', 6: 'PUBREL', 7: 'PUBCOMP' };

export const decodeAck: BodyDecoder = (reader, first, remainingLength, protocolLevel, fields) => {
  if (!packetIdentifier(reader, fields)) return;
  if (protocolLevel !== 5 || remainingLength <= 2) return;
  const packet = ACK_NAMES[packetTypeOf(first)];
  if (!reasonCode(reader, fields, packet)) return;
  if (remainingLength > 3) {
    const properties = decodeProperties(reader, packet);
    if (properties) fields.push(properties);
  }
  return;
};

/** One v5 reason code byte, named from the packet's table; a problem when not defined there. */
export function reasonCode(reader: PacketReader, fields: Field[], packet: ReasonPacket, clause?: string): boolean {
  const offset = reader.offset;
  const code = reader.u8('the reason code');
  if (code === undefined) return false;
  fields.push(reasonCodeField(packet, code, offset));
  if (!reasonCodeMeaning(packet, code)) reader.problem(offset, 1, `Reason code ${hexCode(code)} is not defined for ${packet}`, clause);
  return true;
}

/** One kind of reason code field per packet type, made once. */
const REASON_FIELDS = new Map(
  (['CONNACK', 'PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP', 'SUBACK', 'UNSUBACK', 'DISCONNECT', 'AUTH'] as const).map((packet) => [
    packet,
    fieldKind(`mqtt.${packet.toLowerCase()}.reason_code`, 'Reason Code', (field: Field) => `${reasonCodeMeaning(packet, field.value as number)?.name ?? 'Unknown code'} (${hexCode(field.value as number)})`),
  ]),
);

export function reasonCodeField(packet: ReasonPacket, code: number, offset: number): Field {
  return new Field(REASON_FIELDS.get(packet)!, code, offset, 1);
}

export function hexCode(code: number): string {
  return `0x${code.toString(16).padStart(2, '0')}`;
}
