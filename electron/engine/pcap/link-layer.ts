// Finds the IP packet inside a frame of a given link type, reading the table in link-types.ts.
import { ADDRESS_FAMILIES, ETHERTYPES, LINK_TYPES, VLAN_ETHERTYPES, VLAN_TAG_LENGTH } from './link-types';

export type LinkResult =
  | { kind: 'ip'; version: 4 | 6; start: number }
  /** A frame of another protocol (ARP, IPX…), or too short to say: nothing to read here. */
  | { kind: 'not-ip' }
  | { kind: 'unknown-link-type' };

const NOT_IP: LinkResult = { kind: 'not-ip' };

export function ipPacketIn(linkType: number, data: Uint8Array): LinkResult {
  const link = LINK_TYPES[linkType];
  if (!link) return { kind: 'unknown-link-type' };
  if (data.length < link.headerLength) return NOT_IP;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const start = link.headerLength;
  const protocol = link.protocol;
  switch (protocol.kind) {
    case 'ethertype': {
      let at = protocol.offset;
      let ipStart = start;
      let ethertype = view.getUint16(at);
      // Each VLAN tag sits before the EtherType it wraps and pushes the packet 4 bytes on.
      while (VLAN_ETHERTYPES.has(ethertype) && ipStart + VLAN_TAG_LENGTH <= data.length) {
        at = ipStart + 2;
        ipStart += VLAN_TAG_LENGTH;
        ethertype = view.getUint16(at);
      }
      if (ethertype === ETHERTYPES.ipv4) return { kind: 'ip', version: 4, start: ipStart };
      if (ethertype === ETHERTYPES.ipv6) return { kind: 'ip', version: 6, start: ipStart };
      return NOT_IP;
    }
    case 'family-host-order':
    case 'family-network-order': {
      let family = view.getUint32(0, false);
      // The capturing machine's byte order is not recorded; a family is a small number either way.
      if (protocol.kind === 'family-host-order' && family > 0xffff) family = view.getUint32(0, true);
      if (ADDRESS_FAMILIES.ipv4.has(family)) return { kind: 'ip', version: 4, start };
      if (ADDRESS_FAMILIES.ipv6.has(family)) return { kind: 'ip', version: 6, start };
      return NOT_IP;
    }
    case 'ip-version': {
      const version = data.length > start ? data[start] >> 4 : 0;
      return version === 4 || version === 6 ? { kind: 'ip', version, start } : NOT_IP;
    }
  }
}
