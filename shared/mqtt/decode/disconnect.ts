// DISCONNECT (3.14) and AUTH (3.15): nothing in 3.x; in v5 an optional reason code (absent means
// 0x00) and, when two or more bytes remain, properties.
import { reasonCode } from './ack';
import { decodeProperties } from './properties';
import type { BodyDecoder } from './types';

function reasonAndProperties(packet: 'DISCONNECT' | 'AUTH'): BodyDecoder {
  return (reader, _first, remainingLength, protocolLevel, fields) => {
    if (protocolLevel !== 5 || remainingLength === 0) return;
    if (!reasonCode(reader, fields, packet, packet === 'DISCONNECT' ? 'MQTT-3.14.2-1' : 'MQTT-3.15.2-1')) return;
    if (remainingLength >= 2) {
      const properties = decodeProperties(reader, packet);
      if (properties) fields.push(properties);
    }
    return;
  };
}

export const decodeDisconnect = reasonAndProperties('DISCONNECT');
export const decodeAuth = reasonAndProperties('AUTH');
