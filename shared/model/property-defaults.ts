// What each MQTT 5 property means when a packet leaves it out, and the values it may take where
// the specification narrows its wire type, by the property's option name (the property table's
// `option`): the connection options read their bounds and their unset values from here.
import { MAXIMUM_PACKET_SIZE_RANGE, RECEIVE_MAXIMUM_RANGE, SUBSCRIPTION_IDENTIFIER_RANGE, TOPIC_ALIAS_RANGE, TWO_BYTE_INTEGER_MAX, WIRE_TYPE_MAX, type Range } from '../limits';
import { PROPERTY_BY_OPTION } from '../mqtt/properties';

export interface PropertyDefault {
  /** The value meant when the property is left out; none where leaving it out means "no limit"
   *  or "no such thing" (no expiry, the client's own keep alive stands). */
  absent?: number;
  /** Narrower than the wire type allows; otherwise 0 to the wire type's largest value. */
  range?: Range;
}

/** A yes/no property is a byte of 0 or 1 (v5 3.1.2.11.6, 3.1.2.11.7, 3.2.2.3.5, …). */
const YES_NO: Range = { min: 0, max: 1 };

export const PROPERTY_DEFAULTS: Readonly<Record<string, PropertyDefault>> = {
  payloadFormatIndicator: { absent: 0, range: YES_NO }, // v5 3.1.3.2.3, 3.3.2.3.2
  messageExpiryInterval: {}, // absent: the message does not expire (3.3.2.3.3)
  subscriptionIdentifier: { range: SUBSCRIPTION_IDENTIFIER_RANGE },
  sessionExpiryInterval: { absent: 0 }, // 3.1.2.11.2: the session ends with the connection
  serverKeepAlive: {}, // absent: the client's keep alive stands (3.2.2.3.14)
  requestProblemInformation: { absent: 1, range: YES_NO }, // 3.1.2.11.7
  willDelayInterval: { absent: 0 }, // 3.1.3.2.2
  requestResponseInformation: { absent: 0, range: YES_NO }, // 3.1.2.11.6
  receiveMaximum: { absent: TWO_BYTE_INTEGER_MAX, range: RECEIVE_MAXIMUM_RANGE }, // 3.1.2.11.3
  topicAliasMaximum: { absent: 0 }, // 3.1.2.11.5: no topic aliases
  topicAlias: { range: TOPIC_ALIAS_RANGE },
  maximumQoS: { absent: 2, range: YES_NO }, // 3.2.2.3.4: only 0 or 1 is sent
  retainAvailable: { absent: 1, range: YES_NO }, // 3.2.2.3.5
  maximumPacketSize: { range: MAXIMUM_PACKET_SIZE_RANGE }, // absent: no limit (3.1.2.11.4)
  wildcardSubscriptionAvailable: { absent: 1, range: YES_NO }, // 3.2.2.3.11
  subscriptionIdentifiersAvailable: { absent: 1, range: YES_NO }, // 3.2.2.3.12
  sharedSubscriptionAvailable: { absent: 1, range: YES_NO }, // 3.2.2.3.13
};

function propertyOf(option: string) {
  const property = PROPERTY_BY_OPTION.get(option);
  if (!property) throw new Error(`No MQTT 5 property is called ${option}`);
  return property;
}

/** The values a numeric property may take: its own range, or its wire type's. */
export function propertyRange(option: string): Range {
  const property = propertyOf(option);
  return PROPERTY_DEFAULTS[option]?.range ?? { min: 0, max: WIRE_TYPE_MAX[property.type] };
}

/** What leaving the property out means, where it means a value. */
export function propertyAbsent(option: string): number | undefined {
  propertyOf(option);
  return PROPERTY_DEFAULTS[option]?.absent;
}
