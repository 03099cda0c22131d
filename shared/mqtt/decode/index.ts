// decode(bytes, context): one whole MQTT packet in, a field tree with byte ranges out. Never throws.
import { packetTypeName } from '../constants';
import { makeField, toHex, type DecodedPacket } from '../field';
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
  const headerReader = new PacketReader(bytes, 0, bytes.length);
  // One reader for the whole packet; after the header it stops where the remaining length says.
  const header = decodeFixedHeader(headerReader, contextLevel);
  if (!header) {
    return { type: 0, typeName: 'Reserved', protocolLevel: contextLevel, length: bytes.length, fields: [], problems: headerReader.problems };
  }

  const bodyStart = headerReader.offset;
  const declaredEnd = bodyStart + header.remainingLength;
  const body = headerReader;
  body.end = Math.min(declaredEnd, bytes.length);
  const fields = header.fields;
  const level = bodyDecoderFor(header.type)(body, header, contextLevel, fields) ?? contextLevel;

  if (body.remaining > 0) {
    const offset = body.offset;
    const extra = body.rest();
    fields.push(makeField('mqttscope.unexpected', 'Unexpected bytes', toHex(extra), offset, extra.length, `${extra.length} bytes`));
    body.problem(offset, extra.length, `${extra.length} bytes inside the remaining length that this packet type does not use`);
  }
  if (declaredEnd > bytes.length) {
    body.problem(bodyStart, bytes.length - bodyStart, `Remaining length says ${header.remainingLength} bytes but only ${bytes.length - bodyStart} are present`);
  } else if (declaredEnd < bytes.length) {
    body.problem(declaredEnd, bytes.length - declaredEnd, `${bytes.length - declaredEnd} bytes after the end the remaining length declares`);
  }

  return {
    type: header.type,
    typeName: packetTypeName(header.type),
    protocolLevel: level,
    length: bytes.length,
    fields,
    problems: body.problems,
  };
}
