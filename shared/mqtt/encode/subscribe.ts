// SUBSCRIBE and UNSUBSCRIBE bodies: packet identifier, v5 properties, the topic filters.
import { writeProperties } from './properties';
import type { CraftSubscribe, CraftSubscription, CraftUnsubscribe } from './types';
import { PacketWriter } from './writer';

function optionsByte(subscription: CraftSubscription, level: number): number {
  if (subscription.options !== undefined) return subscription.options;
  const qos = subscription.qos ?? 0;
  if (level !== 5) return qos;
  return qos | ((subscription.noLocal ? 1 : 0) << 2) | ((subscription.retainAsPublished ? 1 : 0) << 3) | ((subscription.retainHandling ?? 0) << 4);
}

export function writeSubscribe(packet: CraftSubscribe, level: number): PacketWriter {
  const body = new PacketWriter().u16(packet.packetId);
  if (level === 5) writeProperties(body, packet.properties);
  for (const subscription of packet.subscriptions) body.prefixed(subscription.topic).u8(optionsByte(subscription, level));
  return body;
}

export function writeUnsubscribe(packet: CraftUnsubscribe, level: number): PacketWriter {
  const body = new PacketWriter().u16(packet.packetId);
  if (level === 5) writeProperties(body, packet.properties);
  for (const topic of packet.topics) body.prefixed(topic);
  return body;
}
