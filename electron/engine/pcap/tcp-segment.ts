// Reads a TCP header (RFC 9293, 3.1): ports, sequence numbers, flags and where the payload is.
import { TCP_HEADER_LENGTH } from './tcp-ip';

export interface TcpHeader {
  sourcePort: number;
  destinationPort: number;
  seq: number;
  ack: number;
  flags: number;
  payloadStart: number;
}

/** Undefined when the header does not fit between `start` and `end`. */
export function readTcpHeader(data: Uint8Array, start: number, end: number): TcpHeader | undefined {
  if (end - start < TCP_HEADER_LENGTH) return undefined;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerLength = (data[start + 12] >> 4) * 4;
  if (headerLength < TCP_HEADER_LENGTH || start + headerLength > end) return undefined;
  return {
    sourcePort: view.getUint16(start),
    destinationPort: view.getUint16(start + 2),
    seq: view.getUint32(start + 4),
    ack: view.getUint32(start + 8),
    flags: data[start + 13],
    payloadStart: start + headerLength,
  };
}
