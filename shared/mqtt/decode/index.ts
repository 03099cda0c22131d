// decode(bytes, context): one whole MQTT packet in, a field tree with byte ranges out. Never throws.
import { packetTypeName } from '../constants';
import { Field, fieldKind, type DecodedPacket } from '../field';
import { packetTypeOf } from '../fixed-header';
import { PacketReader } from '../reader';
import { decodeConnack } from './connack';
import { decodeConnect } from './connect';
import { decodeAck } from './ack';
import { decodeAuth, decodeDisconnect } from './disconnect';
import { decodeEmpty } from './empty';
import { decodeFixedHeader } from './fixed-header';
import { decodePublish } from './publish';
import { decodeSuback, decodeUnsuback } from './suback';
import { decodeSubscribe, decodeUnsubscribe } from './subscribe';
import type { BodyDecoder } from './types';

export interface DecodeContext {
  /** Protocol level of the connection (3, 4 or 5); 4 (MQTT 3.1.1) when not known yet. */
  protocolLevel?: number;
}

function bodyDecoderFor(type: number): BodyDecoder {
  switch (type) {
    case 1: return decodeConnect;
    case 2: return decodeConnack;
    case 3: return decodePublish;
    case 4:
    case 5:
    case 6:
    case 7: return decodeAck;
    case 8: return decodeSubscribe;
    case 9: return decodeSuback;
    case 10: return decodeUnsubscribe;
    case 11: return decodeUnsuback;
    case 14: return decodeDisconnect;
    case 15: return decodeAuth;
    default: return decodeEmpty;
  }
}

export function decode(bytes: Uint8Array, context: DecodeContext = {}): DecodedPacket {
  const contextLevel = context.protocolLevel ?? 4;
  // One reader for the whole packet; after the header it stops where the remaining length says.
  const reader = new PacketReader(bytes, 0, bytes.length);
  const fields: Field[] = [];
  const remainingLength = decodeFixedHeader(reader, contextLevel, fields);
  if (remainingLength === undefined) {
    return { type: 0, typeName: 'Reserved', protocolLevel: contextLevel, length: bytes.length, fields, problems: reader.problems };
  }

  const first = bytes[0];
  const type = packetTypeOf(first);
  const bodyStart = reader.offset;
  const declaredEnd = bodyStart + remainingLength;
  reader.end = Math.min(declaredEnd, bytes.length);
  const level = bodyDecoderFor(type)(reader, first, remainingLength, contextLevel, fields) ?? contextLevel;

  if (reader.remaining > 0) {
    const offset = reader.offset;
    const length = reader.remaining;
    reader.offset = reader.end;
    fields.push(Field.hex(UNEXPECTED, bytes, offset, length));
    reader.problem(offset, length, `${length} bytes inside the remaining length that this packet type does not use`);
  }
  if (declaredEnd > bytes.length) {
    reader.problem(bodyStart, bytes.length - bodyStart, `Remaining length says ${remainingLength} bytes but only ${bytes.length - bodyStart} are present`);
  } else if (declaredEnd < bytes.length) {
    reader.problem(declaredEnd, bytes.length - declaredEnd, `${bytes.length - declaredEnd} bytes after the end the remaining length declares`);
  }

  return {
    type,
    typeName: packetTypeName(type),
    protocolLevel: level,
    length: bytes.length,
    fields,
    problems: reader.problems,
  };
}

const UNEXPECTED = fieldKind('mqttscope.unexpected', 'Unexpected bytes', (field) => `${field.length} bytes`);
