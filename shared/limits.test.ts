// Each shared bound at its edge, where a schema or a check applies it: the value at the bound is
// taken, one past it refused. Strings are counted in UTF-8 bytes, as the wire counts them.
import { describe, expect, it } from 'vitest';
import { requestSchemas } from './contract';
import {
  CONNECT_TIMEOUT_RANGE,
  FILE_NAME_MAX_CHARS,
  FOUR_BYTE_INTEGER_MAX,
  hostSchema,
  KEEP_ALIVE_RANGE,
  LAB_RUN_LIMITS,
  MAX_ACL_CHARS,
  MAX_PACKET_BYTES,
  MAX_REMAINING_LENGTH,
  MQTT_STRING_MAX_BYTES,
  mqttString,
  PORT_OR_ANY_RANGE,
  PORT_RANGE,
  portOrAnySchema,
  portProblem,
  portSchema,
  SUBSCRIPTION_IDENTIFIER_RANGE,
  TOPIC_ALIAS_RANGE,
  TRACE_CAP_MIN_BYTES,
  VBI_MAX,
  VBI_MAX_BYTES,
  WIRE_TYPE_MAX,
} from './limits';
import { connectOptionsSchema } from './model/connect-options';
import { utf8Length } from './mqtt/utf8';
import { MqttFramer } from './mqtt/framer';
import { PacketWriter } from './mqtt/encode/writer';
import { PROPERTIES } from './mqtt/properties';

const ok = (schema: { safeParse(value: unknown): { success: boolean } }, value: unknown) => schema.safeParse(value).success;
const messageOf = (schema: { safeParse(value: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: unknown) => schema.safeParse(value).error?.issues[0].message;

describe('MQTT’s maxima', () => {
  it('the variable byte integer: 268,435,455 in four bytes, one more needs a fifth', () => {
    expect(VBI_MAX).toBe(268_435_455);
    expect([...new PacketWriter().varint(VBI_MAX).view()]).toEqual([0xff, 0xff, 0xff, 0x7f]);
    expect(new PacketWriter().varint(VBI_MAX + 1).view()).toHaveLength(VBI_MAX_BYTES + 1);
  });

  it('the framer takes a header announcing the largest remaining length and refuses a fifth length byte', () => {
    expect(MAX_REMAINING_LENGTH).toBe(VBI_MAX);
    expect(MAX_PACKET_BYTES).toBe(268_435_460);
    expect(new MqttFramer().push(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0x7f))).toEqual([]);
    expect(new MqttFramer().push(Uint8Array.of(0x30, 0xff, 0xff, 0xff, 0xff, 0x01))).toMatchObject([{ kind: 'malformed' }]);
  });

  it('every property wire type has its largest value', () => {
    for (const property of PROPERTIES) expect(WIRE_TYPE_MAX[property.type], property.name).toBeGreaterThan(0);
    expect(WIRE_TYPE_MAX['two-byte']).toBe(65_535);
    expect(WIRE_TYPE_MAX['four-byte']).toBe(4_294_967_295);
  });
});

describe('the port', () => {
  it('is 1 to 65535, in one message', () => {
    const port = portSchema();
    expect([ok(port, 1), ok(port, PORT_RANGE.max), ok(port, 65_535)]).toEqual([true, true, true]);
    expect([ok(port, 0), ok(port, 65_536), ok(port, 1.5), ok(port, '1883')]).toEqual([false, false, false, false]);
    for (const wrong of [0, 65_536, 1.5, '1883']) expect(messageOf(port, wrong)).toBe('Port must be a whole number from 1 to 65535');
  });

  it('to listen on, 0 asks for any free one', () => {
    const port = portOrAnySchema('Listen port');
    expect([ok(port, 0), ok(port, PORT_OR_ANY_RANGE.max)]).toEqual([true, true]);
    expect([ok(port, -1), ok(port, 65_536)]).toEqual([false, false]);
    expect(messageOf(port, 65_536)).toBe('Listen port must be a whole number from 0 to 65535 (0: any free port)');
  });

  it('checked from a flag or a field, in the same words', () => {
    expect(portProblem(65_535, '--port')).toBeUndefined();
    expect(portProblem(65_536, '--port')).toBe('--port must be a whole number from 1 to 65535');
    expect(portProblem(0, '--port')).toBe('--port must be a whole number from 1 to 65535');
    expect(portProblem(0, '--port', true)).toBeUndefined();
    expect(portProblem(Number.NaN, '--port', true)).toBe('--port must be a whole number from 0 to 65535 (0: any free port)');
  });

  it('is the same piece in the connection, the proxy and the lab', () => {
    const base = { host: 'h', protocolVersion: '3.1.1', clientId: 'c', clean: true, keepAlive: 60 };
    expect(ok(connectOptionsSchema, { ...base, port: 65_535 })).toBe(true);
    expect(messageOf(connectOptionsSchema, { ...base, port: 65_536 })).toBe('Port must be a whole number from 1 to 65535');
    expect(ok(requestSchemas['proxy.start'], { targetHost: 'h', targetPort: 65_535, listenPort: 0 })).toBe(true);
    expect(messageOf(requestSchemas['proxy.start'], { targetHost: 'h', targetPort: 0 })).toBe('Forward-to port must be a whole number from 1 to 65535');
    expect(ok(requestSchemas['lab.run'], { broker: { host: 'h', port: 65_536 } })).toBe(false);
    expect(ok(requestSchemas['broker.start'], { kind: 'embedded', port: 0 })).toBe(true);
    expect(ok(requestSchemas['broker.start'], { kind: 'embedded', port: 65_536 })).toBe(false);
  });
});

describe('the host', () => {
  it('a name of 253 characters is taken, 254 refused; empty and malformed have their own words', () => {
    const host = hostSchema();
    const name = (length: number) => `${'a'.repeat(63)}.`.repeat(4).slice(0, length);
    expect(ok(host, name(253))).toBe(true);
    expect(messageOf(host, name(254))).toBe('Host must be a host name or an IP address, without spaces or a scheme');
    expect(messageOf(host, ' ')).toBe('Host is required: a host name or an IP address');
    expect(messageOf(host, 'mqtt://broker')).toBe('Host must be a host name or an IP address, without spaces or a scheme');
    expect(ok(host, 'fe80::1%eth0')).toBe(true);
  });

  it('is the same piece for the proxy’s target and the broker to test', () => {
    expect(messageOf(requestSchemas['proxy.start'], { targetHost: '', targetPort: 1883 })).toBe('Forward-to host is required: a host name or an IP address');
    expect(messageOf(requestSchemas['lab.run'], { broker: { host: 'two words', port: 1883 } })).toBe('Host must be a host name or an IP address, without spaces or a scheme');
  });
});

describe('the MQTT string', () => {
  const text = mqttString('Topic');

  it('counts UTF-8 bytes as the wire does', () => {
    for (const sample of ['', 'a', 'é', '€', '😀', 'a😀é€', '\uD800', 'x\uDC00y', '\u0000']) expect(utf8Length(sample), JSON.stringify(sample)).toBe(new TextEncoder().encode(sample).length);
  });

  it('takes 65,535 bytes and refuses 65,536, counted in bytes', () => {
    expect(ok(text, 'a'.repeat(MQTT_STRING_MAX_BYTES))).toBe(true);
    expect(messageOf(text, 'a'.repeat(MQTT_STRING_MAX_BYTES + 1))).toBe('Topic must be at most 65535 bytes of UTF-8');
    // Two bytes a character: 32,768 characters are 65,536 bytes, far under 65,535 characters.
    expect(ok(text, `${'é'.repeat(32_767)}a`)).toBe(true);
    expect(ok(text, 'é'.repeat(32_768))).toBe(false);
    // Four bytes a character (a surrogate pair, two UTF-16 units).
    expect(ok(text, `${'😀'.repeat(16_383)}abc`)).toBe(true);
    expect(ok(text, `${'😀'.repeat(16_383)}abcd`)).toBe(false);
  });

  it('is the same piece for the client id, the will and the contract’s topics', () => {
    const base = { host: 'h', port: 1883, protocolVersion: '3.1.1', clean: true, keepAlive: 60 };
    expect(ok(connectOptionsSchema, { ...base, clientId: 'é'.repeat(32_767) })).toBe(true);
    expect(messageOf(connectOptionsSchema, { ...base, clientId: 'é'.repeat(32_768) })).toBe('Client ID must be at most 65535 bytes of UTF-8');
    expect(ok(requestSchemas['broker.purgeRetained'], { topic: 'é'.repeat(32_767) })).toBe(true);
    expect(ok(requestSchemas['broker.purgeRetained'], { topic: 'é'.repeat(32_768) })).toBe(false);
    expect(ok(requestSchemas['sessions.topicMessages'], { id: 's', topic: '€'.repeat(21_846), limit: 1 })).toBe(false);
  });
});

describe('the bounds the contract applies', () => {
  it.each([
    ['keep alive', (value: number) => connectOptionsSchema.safeParse({ host: 'h', port: 1, protocolVersion: '3.1.1', clientId: '', clean: true, keepAlive: value }), KEEP_ALIVE_RANGE.max, 65_535],
    ['session expiry', (value: number) => connectOptionsSchema.safeParse({ host: 'h', port: 1, protocolVersion: '5', clientId: '', clean: true, keepAlive: 0, properties: { sessionExpiryInterval: value } }), FOUR_BYTE_INTEGER_MAX, 4_294_967_295],
    ['a subscription identifier', (value: number) => requestSchemas['connection.subscribe'].safeParse({ connectionId: 'c', subscriptions: [{ topic: 't', qos: 0 }], subscriptionIdentifier: value }), SUBSCRIPTION_IDENTIFIER_RANGE.max, 268_435_455],
    ['a topic alias', (value: number) => requestSchemas['connection.publish'].safeParse({ connectionId: 'c', publication: { topic: 't', payloadHex: '', qos: 0, retain: false, properties: { topicAlias: value } } }), TOPIC_ALIAS_RANGE.max, 65_535],
    ['the broker’s maximum packet size', (value: number) => requestSchemas['broker.start'].safeParse({ kind: 'embedded', maxPacketSize: value }), MAX_PACKET_BYTES, 268_435_460],
    ['the client’s maximum packet size', (value: number) => connectOptionsSchema.safeParse({ host: 'h', port: 1, protocolVersion: '3.1.1', clientId: '', clean: true, keepAlive: 0, plan: { maxPacketSize: value } }), MAX_PACKET_BYTES, 268_435_460],
    ['the connect timeout', (value: number) => requestSchemas['broker.start'].safeParse({ kind: 'embedded', connectTimeoutSeconds: value }), CONNECT_TIMEOUT_RANGE.max, 3600],
    ['an ACL', (value: number) => requestSchemas['broker.start'].safeParse({ kind: 'embedded', acl: 'x'.repeat(value) }), MAX_ACL_CHARS, 1024 * 1024],
    ['a file name', (value: number) => requestSchemas['files.open'].safeParse({ name: 'x'.repeat(value), part: '', done: false }), FILE_NAME_MAX_CHARS, 255],
    ['experiment names', (value: number) => requestSchemas['lab.run'].safeParse({ names: Array.from({ length: value }, (_, index) => `e${index}`) }), LAB_RUN_LIMITS.names, 32],
  ] as const)('%s: the bound taken, one more refused', (_what, parse, bound, written) => {
    expect(bound).toBe(written);
    expect(parse(bound).success).toBe(true);
    expect(parse(bound + 1).success).toBe(false);
  });

  it.each([
    ['the store’s size cap', (value: number) => requestSchemas['sessions.settings'].safeParse({ capBytes: value }), TRACE_CAP_MIN_BYTES],
    ['the connect timeout', (value: number) => requestSchemas['broker.start'].safeParse({ kind: 'embedded', connectTimeoutSeconds: value }), CONNECT_TIMEOUT_RANGE.min],
    ['a subscription identifier', (value: number) => requestSchemas['connection.subscribe'].safeParse({ connectionId: 'c', subscriptions: [{ topic: 't', qos: 0 }], subscriptionIdentifier: value }), SUBSCRIPTION_IDENTIFIER_RANGE.min],
    ['a topic alias', (value: number) => requestSchemas['connection.publish'].safeParse({ connectionId: 'c', publication: { topic: 't', payloadHex: '', qos: 0, retain: false, properties: { topicAlias: value } } }), TOPIC_ALIAS_RANGE.min],
  ] as const)('%s: the least taken, one less refused', (_what, parse, least) => {
    expect(parse(least).success).toBe(true);
    expect(parse(least - (Number.isInteger(least) ? 1 : 0.01)).success).toBe(false);
  });
});
