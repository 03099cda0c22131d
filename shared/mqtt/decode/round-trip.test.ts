// Randomized round trip: packets of every type with random fields, properties and payloads,
// written by mqtt-packet (an encoder we did not write), must decode to the same values.
import { createRequire } from 'node:module';
import mqttPacket from 'mqtt-packet';
import { describe, expect, it } from 'vitest';
import type { Field } from '../field';
import { PROPERTIES, type PropertyPlace } from '../properties';
import { REASON_CODES_V5, type ReasonPacket } from '../reason-codes';
import { decode } from './index';
import { seededRandom, type SeededRandom } from '../../../testing/seeded-random';

const require = createRequire(import.meta.url);
const PROPERTY_IDS = (require('mqtt-packet/constants') as { properties: Record<string, number> }).properties;
const PER_VERSION = 10_000;
const SEED = 0x5c09e;

type Random = SeededRandom;
const rng = seededRandom;

const TOPIC_PIECES = ['a', 'b', 'sensors', 'room', '/', '-', 'é', '漢'];
const FILTER_PIECES = [...TOPIC_PIECES, '+', '#'];

/** mqtt-packet's property names, keyed by our property ids. */
const NAME_BY_ID = new Map(Object.entries(PROPERTY_IDS).map(([name, id]) => [id, name]));

function randomProperties(r: Random, place: PropertyPlace): Record<string, unknown> | undefined {
  if (r.next() < 0.3) return undefined;
  const properties: Record<string, unknown> = {};
  for (const definition of PROPERTIES) {
    if (!definition.places.includes(place) || r.next() < 0.6) continue;
    const name = NAME_BY_ID.get(definition.id)!;
    switch (definition.type) {
      case 'byte': properties[name] = definition.id === 0x24 ? r.int(2) : r.int(2) === 1; break;
      case 'two-byte': properties[name] = 1 + r.int(65535); break;
      case 'four-byte': properties[name] = r.int(2 ** 32); break;
      case 'varint': properties[name] = place === 'PUBLISH' && r.bool() ? [1 + r.int(1000), 1 + r.int(268_435_455)] : 1 + r.int(268_435_455); break;
      case 'utf8': properties[name] = r.text(); break;
      case 'binary': properties[name] = r.bytes(); break;
      case 'utf8-pair': {
        const pairs: Record<string, string | string[]> = {};
        for (let i = 0; i < 1 + r.int(3); i++) pairs[`k${i}${r.text(4)}`] = r.bool() ? r.text() : [r.text(), r.text()];
        properties[name] = pairs;
        break;
      }
    }
  }
  return properties;
}

function reasonCode(r: Random, packet: ReasonPacket): number {
  return r.pick(REASON_CODES_V5.filter((row) => row.packets.includes(packet))).code;
}

/** A random valid packet of every type the version has, as mqtt-packet takes it. */
function randomPacket(r: Random, version: 3 | 4 | 5, type: number): mqttPacket.Packet {
  const v5 = version === 5;
  const messageId = 1 + r.int(65535);
  switch (type) {
    case 1: {
      const will = r.bool()
        ? { topic: `w/${r.text(8, TOPIC_PIECES)}`, payload: r.bytes(), qos: r.int(3) as 0 | 1 | 2, retain: r.bool(), properties: v5 ? randomProperties(r, 'WILL') : undefined }
        : undefined;
      const username = r.bool() ? r.text() : undefined;
      return {
        cmd: 'connect',
        protocolId: version === 3 ? 'MQIsdp' : 'MQTT',
        protocolVersion: version,
        clientId: version === 3 || r.next() < 0.9 ? `c${r.text(10)}` : '',
        clean: true,
        keepalive: r.int(65536),
        username,
        password: username !== undefined && r.bool() ? Buffer.from(r.text(10, ['p', 'w', '1', '!'])) : undefined,
        will,
        properties: v5 ? randomProperties(r, 'CONNECT') : undefined,
      } as mqttPacket.IConnectPacket;
    }
    case 2:
      return v5
        ? ({ cmd: 'connack', sessionPresent: r.bool(), reasonCode: 0, properties: randomProperties(r, 'CONNACK') } as mqttPacket.IConnackPacket)
        : ({ cmd: 'connack', sessionPresent: r.bool(), returnCode: 0 } as mqttPacket.IConnackPacket);
    case 3: {
      const qos = r.int(3) as 0 | 1 | 2;
      return {
        cmd: 'publish',
        topic: `t/${r.text(10, TOPIC_PIECES)}`,
        payload: r.bool() ? Buffer.from(r.text(30)) : r.bytes(40),
        qos,
        dup: qos > 0 && r.bool(),
        retain: r.bool(),
        messageId: qos > 0 ? messageId : undefined,
        properties: v5 ? randomProperties(r, 'PUBLISH') : undefined,
      } as mqttPacket.IPublishPacket;
    }
    case 4:
    case 5:
    case 6:
    case 7: {
      const name = (['puback', 'pubrec', 'pubrel', 'pubcomp'] as const)[type - 4];
      const packet = { cmd: name, messageId } as mqttPacket.IPubackPacket;
      if (v5 && r.bool()) Object.assign(packet, { reasonCode: reasonCode(r, name.toUpperCase() as ReasonPacket), properties: randomProperties(r, name.toUpperCase() as PropertyPlace) });
      return packet;
    }
    case 8:
      return {
        cmd: 'subscribe',
        messageId,
        subscriptions: Array.from({ length: 1 + r.int(3) }, () =>
          v5
            ? { topic: `f/${r.text(8, FILTER_PIECES)}`, qos: r.int(3), nl: r.bool(), rap: r.bool(), rh: r.int(3) }
            : { topic: `f/${r.text(8, FILTER_PIECES)}`, qos: r.int(3) },
        ),
        properties: v5 ? randomProperties(r, 'SUBSCRIBE') : undefined,
      } as mqttPacket.ISubscribePacket;
    case 9:
      return {
        cmd: 'suback',
        messageId,
        granted: Array.from({ length: 1 + r.int(3) }, () => (v5 ? reasonCode(r, 'SUBACK') : r.pick([0, 1, 2, 0x80]))),
        properties: v5 ? randomProperties(r, 'SUBACK') : undefined,
      } as mqttPacket.ISubackPacket;
    case 10:
      return {
        cmd: 'unsubscribe',
        messageId,
        unsubscriptions: Array.from({ length: 1 + r.int(3) }, () => `f/${r.text(8, FILTER_PIECES)}`),
        properties: v5 ? randomProperties(r, 'UNSUBSCRIBE') : undefined,
      } as mqttPacket.IUnsubscribePacket;
    case 11:
      return v5
        ? ({ cmd: 'unsuback', messageId, granted: Array.from({ length: 1 + r.int(3) }, () => reasonCode(r, 'UNSUBACK')), properties: randomProperties(r, 'UNSUBACK') } as mqttPacket.IUnsubackPacket)
        : ({ cmd: 'unsuback', messageId } as mqttPacket.IUnsubackPacket);
    case 12:
      return { cmd: 'pingreq' };
    case 13:
      return { cmd: 'pingresp' };
    case 14:
      return v5 && r.bool()
        ? ({ cmd: 'disconnect', reasonCode: reasonCode(r, 'DISCONNECT'), properties: randomProperties(r, 'DISCONNECT') } as mqttPacket.IDisconnectPacket)
        : ({ cmd: 'disconnect' } as mqttPacket.IDisconnectPacket);
    default:
      return { cmd: 'auth', reasonCode: reasonCode(r, 'AUTH'), properties: randomProperties(r, 'AUTH') } as mqttPacket.IAuthPacket;
  }
}

type Pairs = string[];
const hex = (value: Buffer | Uint8Array) => Buffer.from(value).toString('hex');

/** The key=value pairs the packet must decode to; properties as sorted lists, one per block. */
function expectedPairs(packet: mqttPacket.Packet, version: number, bytes: Buffer): { fields: Pairs; properties: Pairs[] } {
  const fields: Pairs = [];
  const properties: Pairs[] = [];
  const add = (key: string, value: unknown) => fields.push(`${key}=${String(value)}`);
  const props = (input: Record<string, unknown> | undefined) => {
    const out: Pairs = [];
    for (const [name, value] of Object.entries(input ?? {})) {
      if (value === undefined) continue;
      const id = PROPERTY_IDS[name];
      if (name === 'userProperties') {
        for (const [key, v] of Object.entries(value as Record<string, string | string[]>)) for (const item of [v].flat()) out.push(`${id}:${key}=${item}`);
      } else {
        for (const item of [value].flat()) out.push(`${id}:${Buffer.isBuffer(item) ? hex(item) : typeof item === 'boolean' ? Number(item) : item}`);
      }
    }
    return out.sort();
  };
  const p = packet as unknown as Record<string, any>;
  const v5 = version === 5;
  switch (packet.cmd) {
    case 'connect':
      add('mqtt.protoname', p.protocolId);
      add('mqtt.ver', p.protocolVersion);
      add('mqtt.conflag.cleansess', true);
      add('mqtt.kalive', p.keepalive);
      add('mqtt.clientid', p.clientId);
      if (p.will) {
        add('mqtt.conflag.qos', p.will.qos);
        add('mqtt.conflag.retain', p.will.retain);
        add('mqtt.willtopic', p.will.topic);
        add('mqtt.willmsg', hex(p.will.payload));
      }
      if (p.username !== undefined) add('mqtt.username', p.username);
      if (p.password !== undefined) add('mqtt.passwd', p.password.toString());
      if (v5) properties.push(props(p.properties));
      if (v5 && p.will) properties.push(props(p.will.properties));
      break;
    case 'connack':
      add('mqtt.conack.flags.sp', p.sessionPresent);
      add(v5 ? 'mqtt.connack.reason_code' : 'mqtt.conack.val', v5 ? p.reasonCode : p.returnCode);
      if (v5) properties.push(props(p.properties));
      break;
    case 'publish':
      add('mqtt.qos', p.qos);
      add('mqtt.retain', p.retain);
      add('mqtt.dupflag', p.dup);
      add('mqtt.topic', p.topic);
      if (p.qos > 0) add('mqtt.msgid', p.messageId);
      add('mqtt.msg', hex(p.payload));
      if (v5) properties.push(props(p.properties));
      break;
    case 'subscribe':
      add('mqtt.msgid', p.messageId);
      for (const s of p.subscriptions) {
        add('mqtt.topic', s.topic);
        if (v5) {
          add('mqtt.subscription_options_qos', s.qos);
          add('mqtt.subscription_options_nl', s.nl);
          add('mqtt.subscription_options_rap', s.rap);
          add('mqtt.subscription_options_retain', s.rh);
        } else {
          add('mqtt.sub.qos', s.qos);
        }
      }
      if (v5) properties.push(props(p.properties));
      break;
    case 'unsubscribe':
      add('mqtt.msgid', p.messageId);
      for (const topic of p.unsubscriptions) add('mqtt.topic', topic);
      if (v5) properties.push(props(p.properties));
      break;
    case 'suback':
    case 'unsuback':
      add('mqtt.msgid', p.messageId);
      for (const code of p.granted ?? []) add(v5 ? `mqtt.${packet.cmd}.reason_code` : 'mqtt.suback.qos', code);
      if (v5) properties.push(props(p.properties));
      break;
    case 'puback':
    case 'pubrec':
    case 'pubrel':
    case 'pubcomp':
      add('mqtt.msgid', p.messageId);
      // A Success code with no properties may be left out, and mqtt-packet leaves it out.
      if (v5 && p.reasonCode !== undefined && bytes[1] > 2) add(`mqtt.${packet.cmd}.reason_code`, p.reasonCode);
      if (v5 && p.reasonCode !== undefined && p.properties && Object.keys(p.properties).length) properties.push(props(p.properties));
      break;
    case 'disconnect':
    case 'auth':
      if (v5 && p.reasonCode !== undefined) add(`mqtt.${packet.cmd}.reason_code`, p.reasonCode);
      if (v5 && p.properties && Object.keys(p.properties).length) properties.push(props(p.properties));
      break;
  }
  return { fields, properties };
}

const flatten = (fields: readonly Field[]): Field[] => fields.flatMap((field) => [field, ...flatten(field.children ?? [])]);

const BINARY_PROPERTIES = new Set(PROPERTIES.filter((property) => property.type === 'binary').map((property) => property.id));

/** Our decode, read back as the same pairs; binary data's value is every byte its field covers. */
function decodedPairs(fields: Field[], keys: Set<string>, bytes: Uint8Array): { fields: Pairs; properties: Pairs[] } {
  const all = flatten(fields);
  const properties = all
    .filter((field) => field.key === 'mqtt.properties' || field.key === 'mqtt.will_properties')
    .map((block) =>
      block.children!
        .filter((child) => child.key === 'mqtt.property_id')
        .map((property) => {
          const values = property.children!.filter((child) => !child.key.endsWith('_len'));
          if (BINARY_PROPERTIES.has(property.value as number)) {
            const data = bytes.subarray(values[0].offset, values[0].offset + values[0].length);
            expect(values[0].value).toBe(hex(data));
            return `${property.value}:${values[0].value}`;
          }
          return values.length === 2 ? `${property.value}:${values[0].value}=${values[1].value}` : `${property.value}:${values[0].value}`;
        })
        .sort(),
    )
    .filter((list, index, lists) => list.length > 0 || lists.length > 0);
  const inProperties = new Set(all.filter((f) => f.key === 'mqtt.properties' || f.key === 'mqtt.will_properties').flatMap((f) => flatten(f.children!)));
  const plain = all.filter((field) => keys.has(field.key) && !inProperties.has(field) && field.key !== 'mqttscope.topic_filter');
  return { fields: plain.map((field) => `${field.key}=${String(field.value)}`), properties };
}

describe.each([3, 4, 5] as const)('round trip through mqtt-packet, protocol level %i', (version) => {
  it(`decodes ${PER_VERSION} random packets of every type to the values they were written with (seed ${SEED + version})`, () => {
    const r = rng(SEED + version);
    const types = version === 5 ? 15 : 14;
    const seen = new Set<number>();
    for (let i = 0; i < PER_VERSION; i++) {
      const type = 1 + (i % types);
      const packet = randomPacket(r, version, type);
      const bytes = mqttPacket.generate(packet, { protocolVersion: version });
      const decoded = decode(bytes, { protocolLevel: version });
      seen.add(decoded.type);
      const expected = expectedPairs(packet, version, bytes);
      const keys = new Set(expected.fields.map((pair) => pair.slice(0, pair.indexOf('='))));
      const actual = decodedPairs(decoded.fields, keys, bytes);
      const context = `#${i} ${packet.cmd} ${bytes.toString('hex')}`;
      expect(decoded.problems, context).toEqual([]);
      // Same key order aside (flags sit in header bytes), same values, repeated keys in wire order.
      const byKey = (pairs: Pairs) => [...pairs].sort((a, b) => a.slice(0, a.indexOf('=')).localeCompare(b.slice(0, b.indexOf('='))));
      expect(byKey(actual.fields), context).toEqual(byKey(expected.fields));
      expect(actual.properties.filter((list) => list.length), context).toEqual(expected.properties.filter((list) => list.length));
    }
    expect(seen.size).toBe(types);
  });
});
