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
  /** The property's name in options and in mqtt-packet (`sessionExpiryInterval`). */
  option: string;
}

const ACKS: PropertyPlace[] = ['PUBACK', 'PUBREC', 'PUBREL', 'PUBCOMP'];

export const PROPERTIES: readonly PropertyDefinition[] = [
  { id: 0x01, option: 'payloadFormatIndicator', name: 'Payload Format Indicator', type: 'byte', places: ['PUBLISH', 'WILL'] },
  { id: 0x02, option: 'messageExpiryInterval', name: 'Message Expiry Interval', type: 'four-byte', places: ['PUBLISH', 'WILL'] },
  { id: 0x03, option: 'contentType', name: 'Content Type', type: 'utf8', places: ['PUBLISH', 'WILL'], valueKey: 'mqtt.property.content_type' },
  { id: 0x08, option: 'responseTopic', name: 'Response Topic', type: 'utf8', places: ['PUBLISH', 'WILL'] },
  { id: 0x09, option: 'correlationData', name: 'Correlation Data', type: 'binary', places: ['PUBLISH', 'WILL'] },
  { id: 0x0b, option: 'subscriptionIdentifier', name: 'Subscription Identifier', type: 'varint', places: ['PUBLISH', 'SUBSCRIBE'], repeatable: ['PUBLISH'] },
  { id: 0x11, option: 'sessionExpiryInterval', name: 'Session Expiry Interval', type: 'four-byte', places: ['CONNECT', 'CONNACK', 'DISCONNECT'] },
  { id: 0x12, option: 'assignedClientIdentifier', name: 'Assigned Client Identifier', type: 'utf8', places: ['CONNACK'] },
  { id: 0x13, option: 'serverKeepAlive', name: 'Server Keep Alive', type: 'two-byte', places: ['CONNACK'] },
  { id: 0x15, option: 'authenticationMethod', name: 'Authentication Method', type: 'utf8', places: ['CONNECT', 'CONNACK', 'AUTH'] },
  { id: 0x16, option: 'authenticationData', name: 'Authentication Data', type: 'binary', places: ['CONNECT', 'CONNACK', 'AUTH'] },
  { id: 0x17, option: 'requestProblemInformation', name: 'Request Problem Information', type: 'byte', places: ['CONNECT'] },
  { id: 0x18, option: 'willDelayInterval', name: 'Will Delay Interval', type: 'four-byte', places: ['WILL'] },
  { id: 0x19, option: 'requestResponseInformation', name: 'Request Response Information', type: 'byte', places: ['CONNECT'] },
  { id: 0x1a, option: 'responseInformation', name: 'Response Information', type: 'utf8', places: ['CONNACK'] },
  { id: 0x1c, option: 'serverReference', name: 'Server Reference', type: 'utf8', places: ['CONNACK', 'DISCONNECT'] },
  { id: 0x1f, option: 'reasonString', name: 'Reason String', type: 'utf8', places: ['CONNACK', ...ACKS, 'SUBACK', 'UNSUBACK', 'DISCONNECT', 'AUTH'] },
  { id: 0x21, option: 'receiveMaximum', name: 'Receive Maximum', type: 'two-byte', places: ['CONNECT', 'CONNACK'] },
  { id: 0x22, option: 'topicAliasMaximum', name: 'Topic Alias Maximum', type: 'two-byte', places: ['CONNECT', 'CONNACK'] },
  { id: 0x23, option: 'topicAlias', name: 'Topic Alias', type: 'two-byte', places: ['PUBLISH'], valueKey: 'mqtt.property.topic_alias' },
  { id: 0x24, option: 'maximumQoS', name: 'Maximum QoS', type: 'byte', places: ['CONNACK'], valueKey: 'mqtt.property.max_qos' },
  { id: 0x25, option: 'retainAvailable', name: 'Retain Available', type: 'byte', places: ['CONNACK'] },
  {
    id: 0x26,
    option: 'userProperties',
    name: 'User Property',
    type: 'utf8-pair',
    places: ['CONNECT', 'CONNACK', 'PUBLISH', 'WILL', ...ACKS, 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'DISCONNECT', 'AUTH'],
    repeatable: ['CONNECT', 'CONNACK', 'PUBLISH', 'WILL', ...ACKS, 'SUBSCRIBE', 'SUBACK', 'UNSUBSCRIBE', 'UNSUBACK', 'DISCONNECT', 'AUTH'],
  },
  { id: 0x27, option: 'maximumPacketSize', name: 'Maximum Packet Size', type: 'four-byte', places: ['CONNECT', 'CONNACK'] },
  { id: 0x28, option: 'wildcardSubscriptionAvailable', name: 'Wildcard Subscription Available', type: 'byte', places: ['CONNACK'] },
  { id: 0x29, option: 'subscriptionIdentifiersAvailable', name: 'Subscription Identifier Available', type: 'byte', places: ['CONNACK'] },
  { id: 0x2a, option: 'sharedSubscriptionAvailable', name: 'Shared Subscription Available', type: 'byte', places: ['CONNACK'] },
];

/** Property definitions by their option name (derived). */
export const PROPERTY_BY_OPTION: ReadonlyMap<string, PropertyDefinition> = new Map(PROPERTIES.map((property) => [property.option, property]));

/** Property definitions indexed by id (derived, never written twice). */
export const PROPERTY_BY_ID: ReadonlyArray<PropertyDefinition | undefined> = (() => {
  const table: Array<PropertyDefinition | undefined> = new Array(128).fill(undefined);
  for (const property of PROPERTIES) table[property.id] = property;
  return table;
})();

