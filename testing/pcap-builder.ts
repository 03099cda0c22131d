// Builds small capture files by hand for the reader's tests: pcap in either byte order and
// resolution, pcapng with several interfaces, the link headers the reader knows, and TCP
// segments with sequence numbers chosen by the test (out of order, repeated, wrapping).
import { buildTcpFrame } from '../electron/engine/pcap/tcp-frame';
import { parseIpAddress } from '../electron/engine/pcap/ip-address';
import { concatBytes } from '../shared/mqtt/field';

export interface BuiltPacket {
  /** Epoch milliseconds. */
  time: number;
  data: Uint8Array;
  interfaceId?: number;
}

function words(values: readonly [bits: 16 | 32, value: number][], little: boolean): Uint8Array {
  const bytes = new Uint8Array(values.reduce((sum, [bits]) => sum + bits / 8, 0));
  const view = new DataView(bytes.buffer);
  let at = 0;
  for (const [bits, value] of values) {
    if (bits === 16) view.setUint16(at, value, little);
    else view.setUint32(at, value >>> 0, little);
    at += bits / 8;
  }
  return bytes;
}

export function pcapFile(options: { little: boolean; nanoseconds?: boolean; linkType: number; packets: BuiltPacket[] }): Uint8Array {
  const { little, nanoseconds = false } = options;
  const header = words([[32, nanoseconds ? 0xa1b23c4d : 0xa1b2c3d4], [16, 2], [16, 4], [32, 0], [32, 0], [32, 262_144], [32, options.linkType]], little);
  const perSecond = nanoseconds ? 1e9 : 1e6;
  const records = options.packets.map(({ time, data }) => {
    const seconds = Math.floor(time / 1000);
    const fraction = Math.round((time - seconds * 1000) * (perSecond / 1000));
    return concatBytes([words([[32, seconds], [32, fraction], [32, data.length], [32, data.length]], little), data]);
  });
  return concatBytes([header, ...records]);
}

export interface BuiltInterface {
  linkType: number;
  /** if_tsresol's byte; left out, the default (microseconds). */
  resolution?: number;
}

const pad = (length: number) => (4 - (length % 4)) % 4;

function pcapngBlock(type: number, body: Uint8Array, little: boolean): Uint8Array {
  const padded = concatBytes([body, new Uint8Array(pad(body.length))]);
  const length = 12 + padded.length;
  return concatBytes([words([[32, type], [32, length]], little), padded, words([[32, length]], little)]);
}

/** Times are whole units of each interface's resolution (10^-n seconds). */
export function pcapngFile(options: { little: boolean; interfaces: BuiltInterface[]; packets: BuiltPacket[]; simplePackets?: Uint8Array[]; obsoletePackets?: BuiltPacket[] }): Uint8Array {
  const { little } = options;
  const blocks = [pcapngBlock(0x0a0d0d0a, concatBytes([words([[32, 0x1a2b3c4d], [16, 1], [16, 0], [32, 0xffffffff], [32, 0xffffffff]], little)]), little)];
  for (const described of options.interfaces) {
    const resolutionOption = described.resolution === undefined ? [] : [words([[16, 9], [16, 1]], little), Uint8Array.of(described.resolution, 0, 0, 0), words([[16, 0], [16, 0]], little)];
    blocks.push(pcapngBlock(1, concatBytes([words([[16, described.linkType], [16, 0], [32, 0]], little), ...resolutionOption]), little));
  }
  const stamp = (packet: BuiltPacket) => {
    const resolution = options.interfaces[packet.interfaceId ?? 0].resolution ?? 6;
    const units = BigInt(Math.round(packet.time * 1000)) * 10n ** BigInt(resolution - 3) / 1000n;
    return [Number(units >> 32n), Number(units & 0xffffffffn)] as const;
  };
  for (const packet of options.packets) {
    const [high, low] = stamp(packet);
    blocks.push(pcapngBlock(6, concatBytes([words([[32, packet.interfaceId ?? 0], [32, high], [32, low], [32, packet.data.length], [32, packet.data.length]], little), packet.data, new Uint8Array(pad(packet.data.length))]), little));
  }
  for (const packet of options.obsoletePackets ?? []) {
    const [high, low] = stamp(packet);
    blocks.push(pcapngBlock(2, concatBytes([words([[16, packet.interfaceId ?? 0], [16, 0], [32, high], [32, low], [32, packet.data.length], [32, packet.data.length]], little), packet.data, new Uint8Array(pad(packet.data.length))]), little));
  }
  for (const data of options.simplePackets ?? []) blocks.push(pcapngBlock(3, concatBytes([words([[32, data.length]], little), data, new Uint8Array(pad(data.length))]), little));
  return concatBytes(blocks);
}

/** Link headers around an IP packet. */
export const link = {
  ethernet: (ip: Uint8Array, vlanTags: number[] = []) => {
    const etherType = ip[0] >> 4 === 6 ? 0x86dd : 0x0800;
    const tags = vlanTags.map((tpid, index) => words([[16, tpid], [16, 100 + index]], false));
    // With tags, each tag's TPID takes the EtherType's place and the real one follows the last.
    const types = vlanTags.length === 0 ? [words([[16, etherType]], false)] : [...tags, words([[16, etherType]], false)];
    return concatBytes([Uint8Array.of(2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1), ...types, ip]);
  },
  sll: (ip: Uint8Array) => concatBytes([words([[16, 0], [16, 772], [16, 6]], false), new Uint8Array(8), words([[16, ip[0] >> 4 === 6 ? 0x86dd : 0x0800]], false), ip]),
  sll2: (ip: Uint8Array) => concatBytes([words([[16, ip[0] >> 4 === 6 ? 0x86dd : 0x0800], [16, 0], [32, 1], [16, 772], [16, 0]], false), Uint8Array.of(6), new Uint8Array(7), ip]),
  family: (ip: Uint8Array, family: number, little: boolean) => concatBytes([words([[32, family]], little), ip]),
};

export interface Peer {
  address: string;
  port: number;
}

export const FLAGS = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10 } as const;

/**
 * The IP packets of one TCP connection. `seq` is relative: 0 is the SYN (when there is one),
 * 1 the first byte of data; the initial numbers sit near 2^32 so streams wrap.
 */
export function tcpPeers(client: Peer, broker: Peer, initial = { client: 0xffff_fff0, broker: 0x7fff_fffe }) {
  const ends = {
    client: { address: parseIpAddress(client.address)!, port: client.port, mac: new Uint8Array(6) },
    broker: { address: parseIpAddress(broker.address)!, port: broker.port, mac: new Uint8Array(6) },
  };
  return (from: 'client' | 'broker', seq: number, payload: Uint8Array = new Uint8Array(0), flags: number = FLAGS.psh | FLAGS.ack): Uint8Array => {
    const to = from === 'client' ? 'broker' : 'client';
    const frame = buildTcpFrame({ source: ends[from], destination: ends[to], seq: initial[from] + seq, ack: initial[to] + 1, flags, payload, ipId: 0 });
    return frame.subarray(14);
  };
}
