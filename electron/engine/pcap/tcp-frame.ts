// Builds one Ethernet frame holding an IPv4 or IPv6 packet holding a TCP segment, checksums
// computed: what the pcapng writer puts in each Enhanced Packet Block.
import { addToSum, finishSum } from './checksum';
import { ETHERTYPES } from './link-types';
import { IP_PROTOCOL_TCP, IPV4_FLAGS, IPV4_HEADER_LENGTH, IPV6_HEADER_LENGTH, TCP_HEADER_LENGTH } from './tcp-ip';
import { UINT16_MAX } from '@shared/limits';

export interface FrameEndpoint {
  /** 4 bytes (IPv4) or 16 (IPv6); both ends of one frame have the same length. */
  address: Uint8Array;
  port: number;
  /** 6 bytes. */
  mac: Uint8Array;
}

export interface TcpFrameSpec {
  source: FrameEndpoint;
  destination: FrameEndpoint;
  seq: number;
  ack: number;
  flags: number;
  payload: Uint8Array;
  /** The IPv4 identification field; unused for IPv6. */
  ipId: number;
}

const ETHERNET_HEADER_LENGTH = 14;
const TTL = 64;
/** The largest window a TCP header can say without scaling. */
const WINDOW = UINT16_MAX;

export function buildTcpFrame(spec: TcpFrameSpec): Uint8Array {
  const isV6 = spec.source.address.length === 16;
  const ipHeaderLength = isV6 ? IPV6_HEADER_LENGTH : IPV4_HEADER_LENGTH;
  const tcpLength = TCP_HEADER_LENGTH + spec.payload.length;
  const frame = new Uint8Array(ETHERNET_HEADER_LENGTH + ipHeaderLength + tcpLength);
  const view = new DataView(frame.buffer);

  frame.set(spec.destination.mac, 0);
  frame.set(spec.source.mac, 6);
  view.setUint16(12, isV6 ? ETHERTYPES.ipv6 : ETHERTYPES.ipv4);

  const ip = ETHERNET_HEADER_LENGTH;
  if (isV6) {
    view.setUint32(ip, 0x6000_0000);
    view.setUint16(ip + 4, tcpLength);
    frame[ip + 6] = IP_PROTOCOL_TCP;
    frame[ip + 7] = TTL;
    frame.set(spec.source.address, ip + 8);
    frame.set(spec.destination.address, ip + 24);
  } else {
    frame[ip] = 0x45;
    view.setUint16(ip + 2, IPV4_HEADER_LENGTH + tcpLength);
    view.setUint16(ip + 4, spec.ipId & 0xffff);
    view.setUint16(ip + 6, IPV4_FLAGS.dontFragment);
    frame[ip + 8] = TTL;
    frame[ip + 9] = IP_PROTOCOL_TCP;
    frame.set(spec.source.address, ip + 12);
    frame.set(spec.destination.address, ip + 16);
    view.setUint16(ip + 10, finishSum(addToSum(0, frame, ip, ip + IPV4_HEADER_LENGTH)));
  }

  const tcp = ip + ipHeaderLength;
  view.setUint16(tcp, spec.source.port);
  view.setUint16(tcp + 2, spec.destination.port);
  view.setUint32(tcp + 4, spec.seq >>> 0);
  view.setUint32(tcp + 8, spec.ack >>> 0);
  frame[tcp + 12] = (TCP_HEADER_LENGTH / 4) << 4;
  frame[tcp + 13] = spec.flags;
  view.setUint16(tcp + 14, WINDOW);
  frame.set(spec.payload, tcp + TCP_HEADER_LENGTH);
  view.setUint16(tcp + 16, tcpChecksum(frame, spec, tcp, tcpLength));
  return frame;
}

/** Over the pseudo-header (addresses, protocol, length) and the segment, checksum field zero. */
function tcpChecksum(frame: Uint8Array, spec: TcpFrameSpec, tcp: number, tcpLength: number): number {
  let sum = addToSum(0, spec.source.address);
  sum = addToSum(sum, spec.destination.address);
  sum += IP_PROTOCOL_TCP + (tcpLength % 0x10000) + Math.floor(tcpLength / 0x10000);
  return finishSum(addToSum(sum, frame, tcp, tcp + tcpLength));
}
