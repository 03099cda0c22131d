// A PUBLISH's topic and payload bytes, read from the packet as the trace holds it.
import { decode } from '../mqtt/decode';
import { findField, fromHex } from '../mqtt/field';
import { FIELD_KEYS } from '../mqtt/field-keys';

export interface PublishMessage {
  /** Undefined when empty (an MQTT 5 topic alias stands for it) or not UTF-8. */
  topic: string | undefined;
  payload: Uint8Array;
}

/** Undefined for any other packet, or a PUBLISH cut before its payload. */
export function publishMessage(hex: string, protocolLevel: number): PublishMessage | undefined {
  const bytes = fromHex(hex);
  if (!bytes) return undefined;
  const packet = decode(bytes, { protocolLevel });
  if (packet.typeName !== 'PUBLISH') return undefined;
  const payload = findField(packet.fields, FIELD_KEYS.payload);
  if (!payload) return undefined;
  const topic = findField(packet.fields, FIELD_KEYS.topic)?.value;
  return { topic: typeof topic === 'string' && topic !== '' ? topic : undefined, payload: bytes.subarray(payload.offset, payload.offset + payload.length) };
}
