// One line per packet, for people: what `mosquitto_sub -d` prints, with the flags and codes
// spelled out. Read from the decoded tree, so it shows what was on the wire.
import { PACKET_TYPE_IDS } from './constants';
import { findField, type DecodedPacket, type Field } from './field';
import { FIELD_KEYS } from './field-keys';

const PREVIEW = 40;
/** Characters of a payload's text a packet list row carries (the row cuts it again to fit). */
const PLAIN_PREVIEW = 200;

export interface DescribeOptions {
  /** How a PUBLISH's payload is written: JSON-quoted, safe to print to a terminal (the default),
   *  or as its text on one line, for the packet list (`{"n":4985}`, not `"{\"n\":4985}"`). */
  payload?: 'quoted' | 'plain';
}

/** Every field of the tree, depth first, in one array (a line is made for each packet of a flood). */
function all(fields: readonly Field[], into: Field[] = []): Field[] {
  for (const field of fields) {
    into.push(field);
    const children = field.children;
    if (children) all(children, into);
  }
  return into;
}

/** Items a line lists of a packet's filters or codes; a SUBSCRIBE may carry hundreds of thousands. */
const LISTED = 10;

function listSome<T>(items: readonly T[], say: (item: T) => string): string {
  const shown = items.slice(0, LISTED).map(say).join(', ');
  return items.length > LISTED ? `${shown} … and ${items.length - LISTED} more` : shown;
}

function quote(value: unknown): string {
  const text = String(value);
  return JSON.stringify(text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text);
}

/** A payload's text on one line: runs of white space as one space, other control characters as `·`. */
function plain(value: unknown): string {
  const text = String(value);
  const line = text.slice(0, PLAIN_PREVIEW).replace(/\s+/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '·').trim();
  return text.length > PLAIN_PREVIEW ? `${line}…` : line;
}

export function describePacket(packet: DecodedPacket, options: DescribeOptions = {}): string {
  const get = (key: string) => findField(packet.fields, key);
  // The whole tree flattened once, only for the packets that list fields (a SUBACK asks three times).
  let flat: Field[] | undefined;
  const fields = () => (flat ??= all(packet.fields));
  const every = (key: string) => fields().filter((field) => field.key === key);
  const id = get(FIELD_KEYS.packetId)?.value;
  const parts: string[] = [packet.typeName];
  switch (packet.type) {
    case PACKET_TYPE_IDS.CONNECT: {
      const version = get(FIELD_KEYS.protocolVersion);
      parts.push(version ? version.meaning : '');
      parts.push(`client id ${quote(get(FIELD_KEYS.clientId)?.value ?? '')}`);
      parts.push(`${packet.protocolLevel === 5 ? 'clean start' : 'clean session'} ${get(FIELD_KEYS.cleanSession)?.value ? 1 : 0}`);
      parts.push(`keep alive ${get(FIELD_KEYS.keepAlive)?.value ?? '?'} s`);
      if (get(FIELD_KEYS.username)) parts.push(`user ${quote(get(FIELD_KEYS.username)!.value)}`);
      if (get(FIELD_KEYS.password)) parts.push('password ••••');
      if (get(FIELD_KEYS.willTopic)) parts.push(`will ${quote(get(FIELD_KEYS.willTopic)!.value)} QoS ${get(FIELD_KEYS.willQos)?.value}${get(FIELD_KEYS.willRetain)?.value ? ' retain' : ''}`);
      break;
    }
    case PACKET_TYPE_IDS.CONNACK: {
      const code = get(FIELD_KEYS.connackReturnCode) ?? get(FIELD_KEYS.connackReasonCode);
      parts.push(`session present ${get(FIELD_KEYS.sessionPresent)?.value ? 1 : 0},`);
      // By its name, which follows the CONNACK's form: a v5 CONNECT answered in the 3.1.1 form
      // has a return code, keyed as a reason code.
      if (code) parts.push(`${code.name.toLowerCase()} ${code.meaning}`);
      break;
    }
    case PACKET_TYPE_IDS.PUBLISH: {
      parts.push(`QoS ${get(FIELD_KEYS.qos)?.value}`);
      if (id !== undefined) parts.push(`id ${id}`);
      if (get(FIELD_KEYS.retain)?.value) parts.push('retain');
      if (get(FIELD_KEYS.dup)?.value) parts.push('dup');
      parts.push(quote(get(FIELD_KEYS.topic)?.value ?? ''));
      const payload = get(FIELD_KEYS.payload);
      const text = get(FIELD_KEYS.payloadText);
      const shown = text && (options.payload === 'plain' ? plain(text.value) : quote(text.value));
      parts.push(`${payload?.length ?? 0} bytes${text ? `: ${shown}` : ''}`);
      break;
    }
    case PACKET_TYPE_IDS.SUBSCRIBE:
      parts.push(`id ${id}`, listSome(every(FIELD_KEYS.topicFilter), (filter) => filter.meaning));
      break;
    case PACKET_TYPE_IDS.UNSUBSCRIBE:
      parts.push(`id ${id}`, listSome(every(FIELD_KEYS.topic), (topic) => quote(topic.value)));
      break;
    case PACKET_TYPE_IDS.SUBACK:
    case PACKET_TYPE_IDS.UNSUBACK: {
      const codes = [...every(FIELD_KEYS.subackQos), ...every(FIELD_KEYS.subackReasonCode), ...every(FIELD_KEYS.unsubackReasonCode)];
      parts.push(`id ${id}`, listSome(codes, (code) => code.meaning));
      break;
    }
    default: {
      const reason = fields().find((field) => field.key.endsWith('.reason_code'));
      if (id !== undefined) parts.push(`id ${id}`);
      if (reason) parts.push(`reason ${reason.meaning}`);
    }
  }
  if (packet.problems.length > 0) parts.push(`[${packet.problems.length} problem${packet.problems.length > 1 ? 's' : ''}: ${packet.problems[0].message}]`);
  return parts.filter(Boolean).join(' ');
}
