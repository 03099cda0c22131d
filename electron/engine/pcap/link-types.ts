// The link types the reader understands, as data: where the link header ends and how it names
// the network protocol inside. https://www.tcpdump.org/linktypes.html

export type LinkProtocolField =
  /** An EtherType (0x0800 IPv4, 0x86dd IPv6), big-endian at `offset`. */
  | { kind: 'ethertype'; offset: number }
  /** A BSD address family, 4 bytes in the byte order of the machine that captured. */
  | { kind: 'family-host-order' }
  /** A BSD address family, 4 bytes big-endian. */
  | { kind: 'family-network-order' }
  /** No field: the IP version nibble says. */
  | { kind: 'ip-version' };

export interface LinkType {
  name: string;
  headerLength: number;
  protocol: LinkProtocolField;
}

export const LINK_TYPES: Readonly<Record<number, LinkType>> = {
  0: { name: 'BSD loopback', headerLength: 4, protocol: { kind: 'family-host-order' } },
  1: { name: 'Ethernet', headerLength: 14, protocol: { kind: 'ethertype', offset: 12 } },
  101: { name: 'raw IP', headerLength: 0, protocol: { kind: 'ip-version' } },
  108: { name: 'OpenBSD loopback', headerLength: 4, protocol: { kind: 'family-network-order' } },
  113: { name: 'Linux cooked (SLL)', headerLength: 16, protocol: { kind: 'ethertype', offset: 14 } },
  228: { name: 'raw IPv4', headerLength: 0, protocol: { kind: 'ip-version' } },
  229: { name: 'raw IPv6', headerLength: 0, protocol: { kind: 'ip-version' } },
  276: { name: 'Linux cooked v2 (SLL2)', headerLength: 20, protocol: { kind: 'ethertype', offset: 0 } },
};

export const LINKTYPE_ETHERNET = 1;

export const ETHERTYPES = { ipv4: 0x0800, ipv6: 0x86dd } as const;
/** 802.1Q, 802.1ad and the old QinQ tag: 4 bytes (tag control, then the next EtherType). */
export const VLAN_ETHERTYPES: ReadonlySet<number> = new Set([0x8100, 0x88a8, 0x9100]);
export const VLAN_TAG_LENGTH = 4;

/** AF_INET is 2 everywhere; AF_INET6 differs by system (Linux, NetBSD/OpenBSD, FreeBSD, macOS). */
export const ADDRESS_FAMILIES = { ipv4: new Set([2]), ipv6: new Set([10, 24, 28, 30]) } as const;
