// Reads an IPv4 or IPv6 header down to the transport payload: its addresses, protocol and
// where the payload lies. IPv4 options and IPv6 extension headers are skipped; fragments are
// not reassembled, they are reported.
import { formatIpAddress } from './ip-address';
import { IPV4_FLAGS, IPV4_HEADER_LENGTH, IPV6_EXTENSION_HEADERS, IPV6_FRAGMENT_HEADER, IPV6_HEADER_LENGTH } from './tcp-ip';

export interface IpPacket {
  source: string;
  destination: string;
  protocol: number;
  /** Offsets into the frame: the payload as far as it was captured. */
  payloadStart: number;
  payloadEnd: number;
  /** Payload bytes the header announces past what was captured (a short snap length). */
  missing: number;
}

export type IpResult = { kind: 'packet'; packet: IpPacket } | { kind: 'problem'; message: string };

export function readIpPacket(data: Uint8Array, start: number, version: 4 | 6): IpResult {
  return version === 4 ? readIpv4(data, start) : readIpv6(data, start);
}

/** The announced end may lie past the capture (cut short) or before its end (Ethernet padding). */
function bounded(data: Uint8Array, payloadStart: number, announcedEnd: number) {
  const payloadEnd = Math.min(announcedEnd, data.length);
  return { payloadStart, payloadEnd, missing: Math.max(0, announcedEnd - data.length) };
}

function readIpv4(data: Uint8Array, start: number): IpResult {
  if (data.length - start < IPV4_HEADER_LENGTH) return { kind: 'problem', message: 'IPv4 header cut short' };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const headerLength = (data[start] & 0x0f) * 4;
  if (headerLength < IPV4_HEADER_LENGTH || start + headerLength > data.length) return { kind: 'problem', message: `IPv4 header length ${headerLength} does not fit the packet` };
  const totalLength = view.getUint16(start + 2);
  const fragment = view.getUint16(start + 6);
  if (fragment & (IPV4_FLAGS.moreFragments | IPV4_FLAGS.fragmentOffsetMask)) {
    return { kind: 'problem', message: 'IPv4 fragment skipped: fragments are not reassembled' };
  }
  // A total length of 0 comes from segmentation offload: the packet is what was captured.
  const announcedEnd = totalLength === 0 ? data.length : start + Math.max(totalLength, headerLength);
  return {
    kind: 'packet',
    packet: {
      source: formatIpAddress(data, start + 12, 4),
      destination: formatIpAddress(data, start + 16, 4),
      protocol: data[start + 9],
      ...bounded(data, start + headerLength, announcedEnd),
    },
  };
}

function readIpv6(data: Uint8Array, start: number): IpResult {
  if (data.length - start < IPV6_HEADER_LENGTH) return { kind: 'problem', message: 'IPv6 header cut short' };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const payloadLength = view.getUint16(start + 4);
  // A payload length of 0 is a jumbogram or offload: the packet is what was captured.
  const announcedEnd = payloadLength === 0 ? data.length : start + IPV6_HEADER_LENGTH + payloadLength;
  let next = data[start + 6];
  let at = start + IPV6_HEADER_LENGTH;
  for (let extension = IPV6_EXTENSION_HEADERS[next]; extension; extension = IPV6_EXTENSION_HEADERS[next]) {
    if (at + 8 > data.length) return { kind: 'problem', message: `IPv6 ${extension.name} header cut short` };
    if (next === IPV6_FRAGMENT_HEADER && view.getUint16(at + 2) !== 0) {
      // Offset 0 and no more fragments is an atomic fragment, a whole packet; anything else is a piece.
      return { kind: 'problem', message: 'IPv6 fragment skipped: fragments are not reassembled' };
    }
    const length = extension.length(data[at + 1]);
    next = data[at];
    at += length;
  }
  if (at > data.length) return { kind: 'problem', message: 'IPv6 extension headers run past the packet' };
  return {
    kind: 'packet',
    packet: {
      source: formatIpAddress(data, start + 8, 16),
      destination: formatIpAddress(data, start + 24, 16),
      protocol: next,
      ...bounded(data, at, Math.max(announcedEnd, at)),
    },
  };
}
