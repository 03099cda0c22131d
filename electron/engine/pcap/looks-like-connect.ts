// Whether a stream's first bytes are an MQTT CONNECT: how the reader finds MQTT on a port it
// was not told of. Reads the fixed header and the protocol name only [MQTT-3.1.2-1].
import { PACKET_TYPE_IDS, PROTOCOL_NAMES } from '@shared/mqtt';
import { VBI_MAX_BYTES } from '@shared/limits';
import { fixedHeaderLength, readFixedHeader, remainingLength } from '@shared/mqtt/fixed-header';

/** The most bytes the check reads: a 4-byte remaining length, then a 2-byte length and `MQIsdp`. */
export const CONNECT_SNIFF_LENGTH = 1 + VBI_MAX_BYTES + 2 + 6;
/** The smallest CONNECT body: protocol name `MQTT`, level, flags, keep alive, an empty client id. */
const MIN_CONNECT_REMAINING_LENGTH = 2 + 4 + 1 + 1 + 2 + 2;
const NAMES = new Set(Object.values(PROTOCOL_NAMES));
const CONNECT_HEADER = PACKET_TYPE_IDS.CONNECT << 4;

export function looksLikeConnect(start: Uint8Array): boolean {
  if (start[0] !== CONNECT_HEADER) return false;
  const header = readFixedHeader(start, 0, start.length);
  if (header < 0) return false;
  const at = fixedHeaderLength(header);
  if (remainingLength(header) < MIN_CONNECT_REMAINING_LENGTH || at + 2 > start.length) return false;
  const nameLength = (start[at] << 8) | start[at + 1];
  const name = start.subarray(at + 2, at + 2 + nameLength);
  return name.length === nameLength && NAMES.has(String.fromCharCode(...name));
}
