// MQTT protocol facts as data: packet types, protocol levels and fixed-header rules.
// Reverse maps are derived, never written twice.

export const PACKET_TYPES = {
  1: 'CONNECT',
  2: 'CONNACK',
  3: 'PUBLISH',
  4: 'PUBACK',
  5: 'PUBREC',
  6: 'PUBREL',
  7: 'PUBCOMP',
  8: 'SUBSCRIBE',
  9: 'SUBACK',
  10: 'UNSUBSCRIBE',
  11: 'UNSUBACK',
  12: 'PINGREQ',
  13: 'PINGRESP',
  14: 'DISCONNECT',
  15: 'AUTH',
} as const;

export type PacketTypeId = keyof typeof PACKET_TYPES;
export type PacketTypeName = (typeof PACKET_TYPES)[PacketTypeId];

export const PACKET_TYPE_IDS = Object.fromEntries(
  Object.entries(PACKET_TYPES).map(([id, name]) => [name, Number(id)]),
) as { [N in PacketTypeName]: PacketTypeId };

export function packetTypeName(id: number): PacketTypeName | 'Reserved' {
  return PACKET_TYPES[id as PacketTypeId] ?? 'Reserved';
}

/** Protocol level byte of the CONNECT variable header. */
export const PROTOCOL_LEVELS = { '3.1': 3, '3.1.1': 4, '5': 5 } as const;
export type ProtocolVersion = keyof typeof PROTOCOL_LEVELS;
export type ProtocolLevel = (typeof PROTOCOL_LEVELS)[ProtocolVersion];

/**
 * A connection whose CONNECT was not seen (a capture that starts after it): its packets are read
 * in the 3.1.1 form, and a CONNACK's code is keyed as Wireshark keys it then, as a reason code.
 */
export const UNKNOWN_PROTOCOL_LEVEL = 0;

export const PROTOCOL_NAMES: Record<ProtocolLevel, string> = { 3: 'MQIsdp', 4: 'MQTT', 5: 'MQTT' };

export const PROTOCOL_VERSION_BY_LEVEL = Object.fromEntries(
  Object.entries(PROTOCOL_LEVELS).map(([version, level]) => [level, version]),
) as Record<ProtocolLevel, ProtocolVersion>;

export function isProtocolLevel(level: number): level is ProtocolLevel {
  return level in PROTOCOL_VERSION_BY_LEVEL;
}

/**
 * Fixed-header flag nibble required for each packet type other than PUBLISH
 * [MQTT-2.2.2-1] (v3.1.1 2.2.2, v5 2.1.3).
 */
export const REQUIRED_HEADER_FLAGS: Partial<Record<PacketTypeId, number>> = {
  1: 0, 2: 0, 4: 0, 5: 0, 6: 2, 7: 0, 8: 2, 9: 0, 10: 2, 11: 0, 12: 0, 13: 0, 14: 0, 15: 0,
};

/** The bits of a PUBLISH's fixed header flags (v3.1.1 3.3.1, v5 3.3.1). */
export const PUBLISH_FLAGS = { dup: 0x08, qos: 0x06, retain: 0x01 } as const;

export const CONNECT_FLAGS = {
  username: 0x80,
  password: 0x40,
  willRetain: 0x20,
  willQos: 0x18,
  will: 0x04,
  cleanSession: 0x02,
  reserved: 0x01,
} as const;

export const CONNACK_FLAGS = { reserved: 0xfe, sessionPresent: 0x01 } as const;
