// One line per packet, for people: what `mosquitto_sub -d` prints, with the flags and codes
// spelled out. Read from the decoded tree, so it shows what was on the wire.
import { PACKET_TYPE_IDS } from './constants';
import type { DecodedPacket, Field } from './field';

const PREVIEW = 40;

function all(fields: readonly Field[]): Field[] {
  return fields.flatMap((field) => [field, ...all(field.children ?? [])]);
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

export function describePacket(packet: DecodedPacket): string {
  const fields = all(packet.fields);
  const get = (key: string) => fields.find((field) => field.key === key);
  const every = (key: string) => fields.filter((field) => field.key === key);
  const id = get('mqtt.msgid')?.value;
  const parts: string[] = [packet.typeName];
  const reason = fields.find((field) => field.key.endsWith('.reason_code'));
  switch (packet.type) {
    case PACKET_TYPE_IDS.CONNECT: {
      const version = get('mqtt.ver');
      parts.push(version ? version.meaning : '');
      parts.push(`client id ${quote(get('mqtt.clientid')?.value ?? '')}`);
      parts.push(`${packet.protocolLevel === 5 ? 'clean start' : 'clean session'} ${get('mqtt.conflag.cleansess')?.value ? 1 : 0}`);
      parts.push(`keep alive ${get('mqtt.kalive')?.value ?? '?'} s`);
      if (get('mqtt.username')) parts.push(`user ${quote(get('mqtt.username')!.value)}`);
      if (get('mqtt.passwd')) parts.push('password ••••');
      if (get('mqtt.willtopic')) parts.push(`will ${quote(get('mqtt.willtopic')!.value)} QoS ${get('mqtt.conflag.qos')?.value}${get('mqtt.conflag.retain')?.value ? ' retain' : ''}`);
      break;
    }
    case PACKET_TYPE_IDS.CONNACK: {
      const code = get('mqtt.conack.val') ?? get('mqtt.connack.reason_code');
      parts.push(`session present ${get('mqtt.conack.flags.sp')?.value ? 1 : 0},`);
      if (code) parts.push(`${code.key === 'mqtt.conack.val' ? 'return' : 'reason'} code ${code.meaning}`);
      break;
    }
    case PACKET_TYPE_IDS.PUBLISH: {
      parts.push(`QoS ${get('mqtt.qos')?.value}`);
      if (id !== undefined) parts.push(`id ${id}`);
      if (get('mqtt.retain')?.value) parts.push('retain');
      if (get('mqtt.dupflag')?.value) parts.push('dup');
      parts.push(quote(get('mqtt.topic')?.value ?? ''));
      const payload = get('mqtt.msg');
      const text = get('mqtt.msg_text');
      parts.push(`${payload?.length ?? 0} bytes${text ? `: ${quote(text.value)}` : ''}`);
      break;
    }
    case PACKET_TYPE_IDS.SUBSCRIBE:
      parts.push(`id ${id}`, listSome(every('mqttscope.topic_filter'), (filter) => filter.meaning));
      break;
    case PACKET_TYPE_IDS.UNSUBSCRIBE:
      parts.push(`id ${id}`, listSome(every('mqtt.topic'), (topic) => quote(topic.value)));
      break;
    case PACKET_TYPE_IDS.SUBACK:
    case PACKET_TYPE_IDS.UNSUBACK: {
      const codes = [...every('mqtt.suback.qos'), ...every('mqtt.suback.reason_code'), ...every('mqtt.unsuback.reason_code')];
      parts.push(`id ${id}`, listSome(codes, (code) => code.meaning));
      break;
    }
    default:
      if (id !== undefined) parts.push(`id ${id}`);
      if (reason) parts.push(`reason ${reason.meaning}`);
  }
  if (packet.problems.length > 0) parts.push(`[${packet.problems.length} problem${packet.problems.length > 1 ? 's' : ''}: ${packet.problems[0].message}]`);
  return parts.filter(Boolean).join(' ');
}
