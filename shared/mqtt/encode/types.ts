// Packets to build, described by their fields. Every value may be one the specification
// forbids; the overrides in `CraftCommon` reach the bytes no well-behaved client would send.

/** A v5 property by id; duplicates and properties not allowed in the packet are kept as given. */
export interface PropertyInput {
  id: number;
  /** Numbers for integer types, text for UTF-8, bytes for binary, [key, value] for a user property. */
  value: number | string | Uint8Array | readonly [string, string];
}

export interface CraftCommon {
  /** Protocol level the packet is built for (3, 4 or 5); 4 when left out. */
  protocolLevel?: number;
  /** The fixed header's low four bits instead of the ones the type requires. */
  headerFlags?: number;
  /** A remaining length to write instead of the true one. */
  remainingLength?: number;
  /** Write the remaining length in at least this many bytes (a non-minimal encoding). */
  remainingLengthBytes?: number;
  /** Bytes added after the body, counted in the remaining length unless it is overridden. */
  trailing?: Uint8Array;
}

export interface CraftConnect extends CraftCommon {
  type: 'CONNECT';
  /** `MQTT`, or `MQIsdp` for 3.1, unless given. */
  protocolName?: string;
  clientId: string;
  clean?: boolean;
  keepAlive?: number;
  username?: string;
  password?: string | Uint8Array;
  will?: { topic: string; payload: string | Uint8Array; qos?: number; retain?: boolean; properties?: PropertyInput[] };
  properties?: PropertyInput[];
  /** The connect flags byte as given, instead of the one the fields imply. */
  connectFlags?: number;
}

export interface CraftConnack extends CraftCommon {
  type: 'CONNACK';
  sessionPresent?: boolean;
  /** Return code (3.x) or reason code (5). */
  code: number;
  /** The acknowledge flags byte as given, instead of the session present bit alone. */
  flags?: number;
  properties?: PropertyInput[];
}

export interface CraftPublish extends CraftCommon {
  type: 'PUBLISH';
  topic: string;
  payload?: string | Uint8Array;
  qos?: number;
  retain?: boolean;
  dup?: boolean;
  packetId?: number;
  properties?: PropertyInput[];
}

export interface CraftAck extends CraftCommon {
  type: 'PUBACK' | 'PUBREC' | 'PUBREL' | 'PUBCOMP';
  packetId: number;
  /** v5 only; left out (meaning Success) when undefined and there are no properties. */
  reasonCode?: number;
  properties?: PropertyInput[];
}

export interface CraftSubscription {
  topic: string;
  qos?: number;
  noLocal?: boolean;
  retainAsPublished?: boolean;
  retainHandling?: number;
  /** The whole options byte as given (reserved bits included). */
  options?: number;
}

export interface CraftSubscribe extends CraftCommon {
  type: 'SUBSCRIBE';
  packetId: number;
  subscriptions: CraftSubscription[];
  properties?: PropertyInput[];
}

export interface CraftUnsubscribe extends CraftCommon {
  type: 'UNSUBSCRIBE';
  packetId: number;
  topics: string[];
  properties?: PropertyInput[];
}

export interface CraftSuback extends CraftCommon {
  type: 'SUBACK' | 'UNSUBACK';
  packetId: number;
  /** Granted QoS / return codes (3.x SUBACK) or reason codes (5). */
  codes?: number[];
  properties?: PropertyInput[];
}

export interface CraftBare extends CraftCommon {
  type: 'PINGREQ' | 'PINGRESP';
}

export interface CraftDisconnect extends CraftCommon {
  type: 'DISCONNECT' | 'AUTH';
  /** v5 only; left out when undefined and there are no properties. */
  reasonCode?: number;
  properties?: PropertyInput[];
}

export type CraftPacket =
  | CraftConnect
  | CraftConnack
  | CraftPublish
  | CraftAck
  | CraftSubscribe
  | CraftUnsubscribe
  | CraftSuback
  | CraftBare
  | CraftDisconnect;
