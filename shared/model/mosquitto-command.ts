// "Copy as mosquitto_sub / mosquitto_pub": the command line that makes the same connection, from
// the options this app connected with or, for a connection it did not open, from its CONNECT.
// Pure: every argument is quoted for a POSIX shell; a password is never written, only a
// variable to hold it; what a command line cannot say (a CA certificate held as text, WebSocket)
// is said in a comment above it.
import { decode } from '../mqtt/decode';
import { findField, fromHex, type DecodedPacket } from '../mqtt/field';
import { FIELD_KEYS } from '../mqtt/field-keys';
import { PROPERTIES, PROPERTY_BY_ID } from '../mqtt/properties';
import type { ConnectOptions } from './connect-options';

export type MosquittoTool = 'mosquitto_sub' | 'mosquitto_pub';

/** The shell variable the command reads the password from. */
export const PASSWORD_VARIABLE = 'MQTT_PASSWORD';

/** Everything the command says, whichever way it was learned. */
export interface CommandSource {
  host: string;
  port: number;
  /** 3, 4 or 5. */
  protocolLevel: number;
  clientId: string;
  clean: boolean;
  keepAlive: number;
  username?: string;
  hasPassword: boolean;
  will?: { topic: string; payload?: string; qos?: number; retain?: boolean; properties?: MosquittoProperty[] };
  /** v5 CONNECT properties, as mosquitto's `-D connect NAME VALUE`. */
  properties?: MosquittoProperty[];
  subscriptions?: { topic: string; qos: number }[];
  publication?: { topic: string; payload: string; qos: number; retain?: boolean };
  tls?: { verify: boolean; hasCa: boolean; hasClientCertificate: boolean; alpn?: string[]; serverName?: string };
  websocketPath?: string;
}

/** A property as `-D` takes it: mosquitto names them as the specification does, in lower case
 *  with hyphens (`session-expiry-interval`). */
export type MosquittoProperty = [name: string, ...values: string[]];

const VERSION_FLAGS: Record<number, string> = { 3: 'mqttv31', 4: 'mqttv311', 5: 'mqttv5' };

/** Characters a POSIX shell takes as they are in a word that is not the first one. */
const SAFE_WORD = /^[A-Za-z0-9_./:@%+=,-]+$/;

/** One argument for a POSIX shell: as it is when nothing in it is special, else in single
 *  quotes, where only a single quote itself needs care (`'\''`). */
export function shellQuote(argument: string): string {
  if (SAFE_WORD.test(argument)) return argument;
  return `'${argument.replace(/'/g, `'\\''`)}'`;
}

const propertyName = (specName: string) => specName.toLowerCase().replace(/ /g, '-');

/** Properties mosquitto's `-D` cannot carry as text (binary) are left out. */
const PROPERTY_OPTIONS = new Map(PROPERTIES.map((definition) => [definition.option, definition]));

function optionProperties(properties: Record<string, unknown> | undefined): MosquittoProperty[] {
  const out: MosquittoProperty[] = [];
  for (const [option, value] of Object.entries(properties ?? {})) {
    const definition = PROPERTY_OPTIONS.get(option);
    if (!definition || value === undefined || definition.type === 'binary') continue;
    const name = propertyName(definition.name);
    if (option === 'userProperties') for (const [key, text] of value as [string, string][]) out.push([name, key, text]);
    else out.push([name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value)]);
  }
  return out;
}

/** From the options this app connected with. */
export function sourceFromOptions(options: ConnectOptions): CommandSource {
  const level = options.protocolVersion === '5' ? 5 : options.protocolVersion === '3.1' ? 3 : 4;
  const publication = options.plan?.publications?.[0];
  return {
    host: options.host,
    port: options.port,
    protocolLevel: level,
    clientId: options.clientId,
    clean: options.clean,
    keepAlive: options.keepAlive,
    ...(options.username !== undefined ? { username: options.username } : {}),
    hasPassword: options.password !== undefined,
    ...(options.will
      ? {
          will: {
            topic: options.will.topic,
            payload: options.will.payload,
            qos: options.will.qos,
            retain: options.will.retain,
            ...(level === 5 ? { properties: optionProperties(options.will.properties) } : {}),
          },
        }
      : {}),
    ...(level === 5 ? { properties: optionProperties(options.properties) } : {}),
    subscriptions: options.plan?.subscriptions ?? [],
    ...(publication ? { publication } : {}),
    ...(options.tls
      ? {
          tls: {
            verify: options.tls.verify !== false,
            hasCa: options.tls.caPem !== undefined,
            hasClientCertificate: options.tls.certPem !== undefined,
            ...(options.tls.alpn ? { alpn: options.tls.alpn } : {}),
            ...(options.tls.serverName ? { serverName: options.tls.serverName } : {}),
          },
        }
      : {}),
    ...(options.websocket ? { websocketPath: options.websocket.path } : {}),
  };
}

/** Properties of a decoded block (`mqtt.properties`, `mqtt.will_properties`), text ones only. */
function packetProperties(block: ReturnType<typeof findField>): MosquittoProperty[] {
  const out: MosquittoProperty[] = [];
  for (const property of block?.children ?? []) {
    if (property.key !== 'mqtt.property_id') continue;
    const definition = PROPERTY_BY_ID[property.value as number];
    if (!definition || definition.type === 'binary') continue;
    const values = (property.children ?? []).filter((child) => !child.key.endsWith('_len')).map((child) => String(child.value));
    out.push([propertyName(definition.name), ...values]);
  }
  return out;
}

/** From a connection's CONNECT as it crossed the wire, and the broker it went to. The password
 *  is only seen to be there. */
export function sourceFromConnect(connect: DecodedPacket, broker: { host: string; port: number }): CommandSource | undefined {
  const get = (key: string) => findField(connect.fields, key)?.value;
  const clean = get(FIELD_KEYS.cleanSession);
  const keepAlive = get(FIELD_KEYS.keepAlive);
  if (connect.typeName !== 'CONNECT' || typeof clean !== 'boolean' || typeof keepAlive !== 'number') return undefined;
  const clientId = get(FIELD_KEYS.clientId);
  const username = get(FIELD_KEYS.username);
  const willTopic = get(FIELD_KEYS.willTopic);
  const willMessage = findField(connect.fields, 'mqtt.willmsg');
  // Text when it reads as UTF-8 (an empty one too); bytes that are not text cannot be typed.
  const willText = willMessage?.length === 0 ? '' : findField(connect.fields, 'mqtt.willmsg_text')?.value;
  const level = connect.protocolLevel;
  return {
    ...broker,
    protocolLevel: level,
    clientId: typeof clientId === 'string' ? clientId : '',
    clean,
    keepAlive,
    ...(typeof username === 'string' ? { username } : {}),
    hasPassword: findField(connect.fields, FIELD_KEYS.password) !== undefined,
    ...(typeof willTopic === 'string'
      ? {
          will: {
            topic: willTopic,
            ...(typeof willText === 'string' ? { payload: willText } : {}),
            qos: Number(get(FIELD_KEYS.willQos) ?? 0),
            retain: get(FIELD_KEYS.willRetain) === true,
            ...(level === 5 ? { properties: packetProperties(findField(connect.fields, 'mqtt.will_properties')) } : {}),
          },
        }
      : {}),
    ...(level === 5 ? { properties: packetProperties(findField(connect.fields, FIELD_KEYS.properties)) } : {}),
  };
}

/** The same from a CONNECT's hex, read at its protocol level. */
export function sourceFromConnectHex(hex: string, protocolLevel: number, broker: { host: string; port: number }): CommandSource | undefined {
  const bytes = fromHex(hex);
  return bytes ? sourceFromConnect(decode(bytes, { protocolLevel }), broker) : undefined;
}

/** `host:port` or `[v6]:port` read back; undefined when it is neither. */
export function parseAddress(address: string | undefined): { host: string; port: number } | undefined {
  const match = address ? /^\[?([^\]]*?)\]?:(\d{1,5})$/.exec(address.trim()) : null;
  if (!match || match[1] === '') return undefined;
  return { host: match[1], port: Number(match[2]) };
}

/** The command, one line, with comments above it for what it cannot say. */
export function mosquittoCommand(tool: MosquittoTool, source: CommandSource): string {
  const comments: string[] = [];
  const words: string[] = [tool, '-h', shellQuote(source.host), '-p', String(source.port)];
  const flag = (name: string, ...values: string[]) => words.push(name, ...values.map(shellQuote));

  flag('-V', VERSION_FLAGS[source.protocolLevel] ?? 'mqttv311');
  if (source.clientId !== '') flag('-i', source.clientId);
  else comments.push('# The client id was empty: the broker (or the tool) picks one.');
  flag('-k', String(source.keepAlive));
  if (!source.clean) words.push('-c');
  if (source.username !== undefined) flag('-u', source.username);
  // Double quotes: the shell reads the variable; the real password is never in the text.
  if (source.hasPassword) {
    words.push('-P', `"$${PASSWORD_VARIABLE}"`);
    comments.push(`# Set ${PASSWORD_VARIABLE} to the password first.`);
  }
  if (source.will) {
    flag('--will-topic', source.will.topic);
    if (source.will.payload !== undefined) flag('--will-payload', source.will.payload);
    if (source.will.qos) flag('--will-qos', String(source.will.qos));
    if (source.will.retain) words.push('--will-retain');
    for (const [name, ...values] of source.will.properties ?? []) flag('-D', 'will', name, ...values);
  }
  for (const [name, ...values] of source.properties ?? []) flag('-D', 'connect', name, ...values);
  if (source.tls) {
    if (source.tls.hasCa) comments.push('# TLS with its own CA certificate: save it to a file and add --cafile FILE.');
    else words.push('--tls-use-os-certs');
    if (source.tls.hasClientCertificate) comments.push('# A client certificate: save it and its key to files and add --cert FILE --key FILE.');
    if (!source.tls.verify) words.push('--insecure');
    for (const protocol of source.tls.alpn ?? []) flag('--tls-alpn', protocol);
    if (source.tls.serverName) comments.push(`# The server name sent was ${source.tls.serverName}; mosquitto sends the host.`);
  }
  if (source.websocketPath !== undefined) comments.push(`# Over WebSocket (${source.websocketPath}) here; the mosquitto clients connect over TCP only.`);

  if (tool === 'mosquitto_sub') {
    const subscriptions = source.subscriptions ?? [];
    if (subscriptions.length === 0) {
      comments.push('# No subscriptions in this connection: # subscribes to every topic.');
      flag('-t', '#');
    }
    for (const subscription of subscriptions) flag('-t', subscription.topic);
    const qos = Math.max(0, ...subscriptions.map((subscription) => subscription.qos));
    if (qos > 0) flag('-q', String(qos));
    if (subscriptions.some((subscription) => subscription.qos !== qos)) comments.push('# mosquitto_sub takes one QoS for every topic: the highest is used.');
  } else {
    const publication = source.publication;
    if (!publication) comments.push('# No message to publish in this connection: write the topic and the message.');
    flag('-t', publication?.topic ?? 'TOPIC');
    flag('-m', publication?.payload ?? 'MESSAGE');
    if (publication?.qos) flag('-q', String(publication.qos));
    if (publication?.retain) words.push('-r');
  }
  return [...comments, words.join(' ')].join('\n');
}
