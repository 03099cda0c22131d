// MQTT 5 properties as data (v5 2.2.2.2, table 2-4): id, name, wire type, the packets that may
// carry each, and the Wireshark field that shows its value.
import type { PacketTypeName } from './constants';

export type PropertyWireType = 'byte' | 'two-byte' | 'four-byte' | 'varint' | 'utf8' | 'binary' | 'utf8-pair';

/** Where a property may appear: a packet type, or the will properties of a CONNECT. */
export type PropertyPlace = PacketTypeName | 'WILL';

export interface PropertyDefinition {
  id: number;
  name: string;
  type: PropertyWireType;
  places: readonly PropertyPlace[];
  /** Only the User Property, and the Subscription Identifier in a PUBLISH, may repeat. */
  repeatable?: readonly PropertyPlace[];
  /** Wireshark's key for the value where it is not the generic one for the wire type. */
  valueKey?: string;
}

const ACKS: PropertyPlace[] = ['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'];

export const PROPERTIES: readonly PropertyDefinition[] = [
  { id: 0x01, name: 'Payload Format Indicator', type: 'byte', places: ['PUBLISH', 'WILL'] },
  { id: 0x02, name: 'Message Expiry Interval', type: 'four-byte', places: ['PUBLISH', 'WILL'] },
  { id: 0x03, name: 'Content Type', type: 'utf8', places: ['PUBLISH', 'WILL'], valueKey: 'mqtt.property.content_type' },
  { id: 0x08, name: 'Response Topic', type: 'utf8', places: ['PUBLISH', 'WILL'] },
  { id: 0x09, name: 'Correlation Data', type: 'binary', places: ['PUBLISH', 'WILL'] },
  { id: 0x0b, name: 'Subscription Identifier', type: 'varint', places: ['PUBLISH', 'SUBSCRIBE'], repeatable: ['PUBLISH'] },
  { id: 0x11, name: 'Session Expiry Interval', type: 'four-byte', places: ['CONNECT', 'CONNACK', 'DISCONNECT'] },
  { id: 0x12, name: 'Assigned Client Identifier', type: 'utf8', places: ['CONNACK'] },
  { id: 0x13, name: 'Server Keep Alive', type: 'two-byte', places: ['CONNACK'] },
  { id: 0x15, name: 'Authentication Method', type: 'utf8', places: ['CONNECT', 'CONNACK', 'AUTH'] },
  { id: 0x16, name: 'Authentication Data', type: 'binary', places: ['CONNECT', 'CONNACK', 'AUTH'] },
  { id: 0x17, name: 'Request Problem Information', type: 'byte', places: ['CONNECT'] },
  { id: 0x18, name: 'Will Delay Interval', type: 'four-byte', places: ['WILL'] },
  { id: 0x19, name: 'Request Response Information', type: 'byte', places: ['CONNECT'] },
  { id: 0x1a, name: 'Response Information', type: 'utf8', places: ['CONNACK'] },
  { id: 0x1c, name: 'Server Reference', type: 'utf8', places: ['CONNACK', 'DISCONNECT'] },
  { id: 0x1f, name: 'Reason String', type: 'utf8', places: ['CONNACK', ...ACKS, 'SUBACK', 'UNSUBACK', 'DISCONNECT', 'AUTH'] },
  { id: 0x21, name: 'Receive Maximum', type: 'two-byte', places: ['CONNECT', 'CONNACK'] },
  { id: 0x22, name: 'Topic Alias Maximum', type: 'two-byte', places: ['CONNECT', 'CONNACK'] },
  { id: 0x23, name: 'Topic Alias', type: 'two-byte', places: ['PUBLISH'], valueKey: 'mqtt.property.topic_alias' },
  { id: 0x24, name: 'Maximum QoS', type: 'byte', places: ['CONNACK'], valueKey: 'mqtt.property.max_qos' },
  { id: 0x25, name: 'Retain Available', type: 'byte', places: ['CONNACK'] },
  {
    id: 0x26,
    name: 'User Property',
    type: 'utf8-pair',
    places: ['CONNECT', 'CONNACK', 'PUBLISH', 'WILL', ...ACKS, 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'DISCONNECT', 'AUTH'],
    repeatable: ['CONNECT', 'CONNACK', 'PUBLISH', 'WILL', ...ACKS, 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'DISCONNECT', 'AUTH'],
  },
  { id: 0x27, name: 'Maximum Packet Size', type: 'four-byte', places: ['CONNECT', 'CONNACK'] },
  { id: 0x28, name: 'Wildcard Subscription Available', type: 'byte', places: ['CONNACK'] },
  { id: 0x29, name: 'Subscription Identifier Available', type: 'byte', places: ['CONNACK'] },
  { id: 0x2a, name: 'Shared Subscription Available', type: 'byte', places: ['CONNACK'] },
];

/** Property definitions indexed by id (derived, never written twice). */
export const PROPERTY_BY_ID: ReadonlyArray<PropertyDefinition | undefined> = (() => {
  const table: Array<PropertyDefinition | undefined> = new Array(128).fill(undefined);
  for (const property of PROPERTIES) table[property.id] = property;
  return table;
})();

