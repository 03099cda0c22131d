// Decodes both directions of one connection: learns the protocol version from the client's
// CONNECT and reads the broker's packets accordingly.
import { PACKET_TYPE_IDS, UNKNOWN_PROTOCOL_LEVEL } from './constants';
import { decode } from './decode';
import type { DecodedPacket } from './field';

export type Direction = 'c2s' | 's2c';

export class ConnectionDecoder {
  /** Unknown until a CONNECT says (or the caller knows). */
  protocolLevel: number = UNKNOWN_PROTOCOL_LEVEL;

  constructor(initialLevel?: number) {
    if (initialLevel !== undefined) this.protocolLevel = initialLevel;
  }

  decode(direction: Direction, bytes: Uint8Array): DecodedPacket {
    const packet = decode(bytes, { protocolLevel: this.protocolLevel });
    if (direction === 'c2s' && packet.type === PACKET_TYPE_IDS.CONNECT) this.protocolLevel = packet.protocolLevel;
    return packet;
  }
}
