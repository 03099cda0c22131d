// One line per packet, for people: what `mosquitto_sub -d` prints, with the flags and codes
// spelled out. Read from the decoded tree, so it shows what was on the wire.
import { PACKET_TYPE_IDS } from './constants';
import { findField, type DecodedPacket, type Field, type FieldValue } from './field';
import { publishDup, publishQos, publishRetain } from './fixed-header';
import { FIELD_KEYS, headerByte } from './field-keys';
import type { PacketSummary } from './summary';
import { checkText, decodeAscii, decodeUtf8Unchecked, TEXT_NOT_ASCII, UTF8_INVALID, UTF8_VERDICT } from './utf8';

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

/** A PUBLISH's line from what it holds, however it was read. */
function publishLine(header: number, id: FieldValue | undefined, topic: FieldValue, payloadLength: number, text: (() => FieldValue) | undefined, options: DescribeOptions): string {
  let line = `PUBLISH QoS ${publishQos(header)}`;
  if (id !== undefined) line += ` id ${id}`;
  if (publishRetain(header)) line += ' retain';
  if (publishDup(header)) line += ' dup';
  line += ` ${quote(topic)} ${payloadLength} bytes`;
  if (text) line += `: ${options.payload === 'plain' ? plain(text()) : quote(text())}`;
  return line;
}

/**
 * A PUBLISH, a flood's line, read in one pass over its top-level fields: its flags from the
 * header byte (their bits are not made into fields), its text beneath its payload.
 */
function describePublish(packet: DecodedPacket, options: DescribeOptions): string {
  let id: FieldValue | undefined;
  let topic: FieldValue = '';
  let payload: Field | undefined;
  for (const field of packet.fields) {
    switch (field.key) {
      case FIELD_KEYS.packetId:
        id ??= field.value;
        break;
      case FIELD_KEYS.topic:
        if (topic === '') topic = field.value;
        break;
      case FIELD_KEYS.payload:
        payload ??= field;
    }
  }
  const text = payload?.children?.[0];
  return publishLine(headerByte(packet) ?? 0, id, topic, payload?.length ?? 0, text && (() => text.value), options);
}

/**
 * The line of a PUBLISH that `plainlyClean` passes, from its bytes and facts, with no tree: the
 * same line `describePacket` makes of its tree (describe.test.ts holds the two together).
 */
export function describePlainPublish(bytes: Uint8Array, facts: PacketSummary, options: DescribeOptions = {}): string {
  const start = facts.payloadOffset;
  const end = start + facts.payloadLength;
  const verdict = end > start ? checkText(bytes, start, end) : UTF8_INVALID;
  const text = (verdict & UTF8_VERDICT) === UTF8_INVALID ? undefined : () => ((verdict & TEXT_NOT_ASCII) === 0 ? decodeAscii(bytes, start, end) : decodeUtf8Unchecked(bytes, start, end));
  return publishLine(bytes[0], facts.packetId, facts.topic ?? '', facts.payloadLength, text, options);
}

/** The line, and what is wrong with the packet when something is. */
function withProblems(line: string, packet: DecodedPacket): string {
  const count = packet.problems.length;
  return count === 0 ? line : `${line} [${count} problem${count > 1 ? 's' : ''}: ${packet.problems[0].message}]`;
}

export function describePacket(packet: DecodedPacket, options: DescribeOptions = {}): string {
  if (packet.type === PACKET_TYPE_IDS.PUBLISH) return withProblems(describePublish(packet, options), packet);
  const get = (key: string) => findField(packet.fields, key);
  // The whole tree flattened once, only for the packets that list fields (a SUBACK asks three times).
  let flat: Field[] | undefined;
  const fields = () => (flat ??= all(packet.fields));
  const every = (key: string) => fields().filter((field) => field.key === key);
  const id = () => get(FIELD_KEYS.packetId)?.value;
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
    case PACKET_TYPE_IDS.SUBSCRIBE:
      parts.push(`id ${id()}`, listSome(every(FIELD_KEYS.topicFilter), (filter) => filter.meaning));
      break;
    case PACKET_TYPE_IDS.UNSUBSCRIBE:
      parts.push(`id ${id()}`, listSome(every(FIELD_KEYS.topic), (topic) => quote(topic.value)));
      break;
    case PACKET_TYPE_IDS.SUBACK:
    case PACKET_TYPE_IDS.UNSUBACK: {
      const codes = [...every(FIELD_KEYS.subackQos), ...every(FIELD_KEYS.subackReasonCode), ...every(FIELD_KEYS.unsubackReasonCode)];
      parts.push(`id ${id()}`, listSome(codes, (code) => code.meaning));
      break;
    }
    default: {
      const reason = fields().find((field) => field.key.endsWith('.reason_code'));
      const packetId = id();
      if (packetId !== undefined) parts.push(`id ${packetId}`);
      if (reason) parts.push(`reason ${reason.meaning}`);
    }
  }
  return withProblems(parts.filter(Boolean).join(' '), packet);
}
