// The IP and TCP numbers both the writer and the reader use, spelled once.
// IPv4: RFC 791, IPv6: RFC 8200, TCP: RFC 9293.

export const IP_PROTOCOL_TCP = 6;

export const IPV4_HEADER_LENGTH = 20;
export const IPV6_HEADER_LENGTH = 40;
export const TCP_HEADER_LENGTH = 20;

export const IPV4_FLAGS = { dontFragment: 0x4000, moreFragments: 0x2000, fragmentOffsetMask: 0x1fff } as const;

/** Extension headers skipped on the way to TCP, with how each gives its own length. */
export const IPV6_EXTENSION_HEADERS: Readonly<Record<number, { name: string; length: (lengthByte: number) => number }>> = {
  0: { name: 'hop-by-hop options', length: (units) => (units + 1) * 8 },
  43: { name: 'routing', length: (units) => (units + 1) * 8 },
  44: { name: 'fragment', length: () => 8 },
  51: { name: 'authentication', length: (units) => (units + 2) * 4 },
  60: { name: 'destination options', length: (units) => (units + 1) * 8 },
};
export const IPV6_FRAGMENT_HEADER = 44;

export const TCP_FLAGS = { fin: 0x01, syn: 0x02, rst: 0x04, psh: 0x08, ack: 0x10 } as const;

