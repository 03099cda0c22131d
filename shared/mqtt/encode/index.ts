// encodePacket(packet): bytes of any packet built from its fields, including invalid ones (a
// wrong protocol level, reserved bits, an empty client id with clean session off, a wrong
// remaining length), for the handshake lab, the inspecting client and tests.
import { PACKET_TYPE_IDS, REQUIRED_HEADER_FLAGS, type PacketTypeId } from '../constants';
import { writeAck } from './ack';
import { writeConnack } from './connack';
import { writeConnect } from './connect';
import { writeDisconnect } from './disconnect';
import { encodePlainPublish, isPlainPublish, publishFlags, writePublish } from './publish';
import { writeSuback } from './suback';
import { writeSubscribe, writeUnsubscribe } from './subscribe';
import type { CraftPacket } from './types';
import { allocatePacket, PacketWriter, varintLength, writeVarint } from './writer';

export type * from './types';
export { propertyList } from './property-list';

function writeBody(packet: CraftPacket, level: number): PacketWriter {
  switch (packet.type) {
    case 'CONNECT': return writeConnect(packet, level);
    case 'CONNACK': return writeConnack(packet, level);
    case 'PUBLISH': return writePublish(packet, level);
    case 'PUBACK':
    case 'PUBREC':
    case 'PUBREL':
    case 'PUBCOMP': return writeAck(packet, level);
    case 'SUBSCRIBE': return writeSubscribe(packet, level);
    case 'UNSUBSCRIBE': return writeUnsubscribe(packet, level);
    case 'SUBACK':
    case 'UNSUBACK': return writeSuback(packet, level);
    case 'DISCONNECT':
    case 'AUTH': return writeDisconnect(packet, level);
    case 'PINGREQ':
    case 'PINGRESP': return new PacketWriter();
  }
}

export function encodePacket(packet: CraftPacket): Uint8Array {
  const level = packet.protocolLevel ?? 4;
  if (packet.type === 'PUBLISH' && isPlainPublish(packet, level)) return encodePlainPublish(packet, level);
  const type = PACKET_TYPE_IDS[packet.type];
  const body = writeBody(packet, level);
  if (packet.trailing) body.raw(packet.trailing);
  const flags = packet.headerFlags ?? (packet.type === 'PUBLISH' ? publishFlags(packet) : REQUIRED_HEADER_FLAGS[type as PacketTypeId] ?? 0);
  const remainingLength = packet.remainingLength ?? body.length;
  const bytes = allocatePacket(1 + varintLength(remainingLength, packet.remainingLengthBytes) + body.length);
  bytes[0] = (type << 4) | (flags & 0x0f);
  bytes.set(body.view(), writeVarint(bytes, 1, remainingLength, packet.remainingLengthBytes));
  return bytes;
}
