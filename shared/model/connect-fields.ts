// The connection options, described once: for each, the form field that holds it, where it goes
// in ConnectOptions, its kind, bounds and words, whether only MQTT 5 has it, and the flag of
// `mqttscope connect`. The schema's checks (connect-options.ts, the contract's `connection.open`),
// the form's value type and defaults, its reading and filling, labels and messages, the
// error-path map, and the command line's flags and help lines are all read from this table. An
// MQTT 5 property's bounds and unset value come from the property table, by its option name.
// What is a list (user properties, subscriptions, the message to publish) or comes from the
// broker URL has its own reader beside the table.
import { ACK_DELAY_RANGE, CONNECT_DELAY_RANGE, inRange, KEEP_ALIVE_RANGE, PORT_RANGE, STEP_TIMEOUT_RANGE, wholeNumberMessage } from '../limits';
import { DEFAULT_PORTS, DEFAULT_WEBSOCKET_PATH } from './broker-url';
import { propertyAbsent, propertyRange } from './property-defaults';

interface OptionRowBase {
  /** The form's field (a key of ConnectFormValues). */
  field: string;
  /** Where the value goes in ConnectOptions. */
  path: readonly string[];
  label: string;
  /** Only MQTT 5 has it: hidden and not sent for 3.1 and 3.1.1. */
  v5?: true;
  /** `mqttscope connect --FLAG`, with its help text (and the name of its argument). */
  flag?: string;
  help?: string;
  argument?: string;
  /** Sent in every connection (or every will) even when empty or unset. */
  always?: true;
  /** ConnectOptions always holds it (where its part exists): the schema requires it, and an empty
   *  number is an error, not "not set". */
  required?: true;
}

export interface NumberOption extends OptionRowBase {
  kind: 'number';
  min: number;
  max: number;
  unit?: 'seconds' | 'milliseconds' | 'bytes';
  /** What a new form holds, and the command line sends when not told. */
  initial?: number;
}

/** What a text option holds, and so how it is checked: an MQTT UTF-8 string unless said. */
export type TextFormat = 'mqtt' | 'topic' | 'host' | 'pem' | 'passphrase' | 'server-name' | 'http-path';

export interface TextOption extends OptionRowBase {
  kind: 'text';
  format?: TextFormat;
  /** Spaces around it are never meant (a server name). */
  trim?: true;
  /** Masked in the form. */
  secret?: true;
  /** The flag names a file whose text is the value (PEM). */
  fromFile?: true;
  /** What a new form holds. */
  initial?: string;
}

export interface FlagOption extends OptionRowBase {
  kind: 'flag';
  /** The value when the person says nothing; only the other one is sent, unless `always`. */
  unset: boolean;
  /** The value the command line's flag sets (`--insecure` turns verification off). */
  flagSets?: boolean;
}

export interface QosOption extends OptionRowBase {
  kind: 'qos';
}

export type ConnectOption = NumberOption | TextOption | FlagOption | QosOption;

/** A yes/no MQTT 5 property: unset, it means what the specification says its absence means. */
const unsetProperty = (option: string): boolean => propertyAbsent(option) === 1;

export const CONNECT_OPTIONS = [
  { kind: 'text', field: 'host', path: ['host'], label: 'Host', format: 'host', always: true, required: true, initial: '127.0.0.1' },
  { kind: 'number', field: 'port', path: ['port'], label: 'Port', ...PORT_RANGE, required: true, initial: DEFAULT_PORTS.mqtt },
  { kind: 'text', field: 'clientId', path: ['clientId'], label: 'Client ID', always: true, required: true, flag: 'client-id', argument: 'ID', help: 'client id (default mqttscope-<random>; --client-id "" for empty)' },
  { kind: 'flag', field: 'clean', path: ['clean'], label: 'Clean session', unset: true, always: true, required: true, flag: 'no-clean', flagSets: false, help: 'keep the session (clean session / clean start off)' },
  { kind: 'number', field: 'keepAlive', path: ['keepAlive'], label: 'Keep alive', ...KEEP_ALIVE_RANGE, unit: 'seconds', required: true, initial: 60, flag: 'keepalive', help: 'keep alive in seconds (default 60; 0 turns it off)' },
  { kind: 'text', field: 'username', path: ['username'], label: 'Username', flag: 'username', argument: 'U', help: 'user name (or in the URL)' },
  { kind: 'text', field: 'password', path: ['password'], label: 'Password', secret: true, flag: 'password', argument: 'P', help: 'password (or in the URL, --password-file, MQTTSCOPE_PASSWORD)' },

  { kind: 'text', field: 'caPem', path: ['tls', 'caPem'], label: 'CA certificate', format: 'pem', fromFile: true, flag: 'ca', argument: 'FILE', help: 'TLS: the CA to trust (PEM)' },
  { kind: 'text', field: 'certPem', path: ['tls', 'certPem'], label: 'Client certificate', format: 'pem', fromFile: true, flag: 'cert', argument: 'FILE', help: 'TLS: a client certificate (PEM)' },
  { kind: 'text', field: 'keyPem', path: ['tls', 'keyPem'], label: 'Client key', format: 'pem', fromFile: true, flag: 'key', argument: 'FILE', help: 'TLS: the client certificate’s key (PEM)' },
  { kind: 'text', field: 'passphrase', path: ['tls', 'passphrase'], label: 'Key passphrase', format: 'passphrase', secret: true, flag: 'passphrase', argument: 'P', help: 'TLS: the key’s passphrase' },
  { kind: 'text', field: 'serverName', path: ['tls', 'serverName'], label: 'Server name (SNI)', format: 'server-name', trim: true, flag: 'servername', argument: 'NAME', help: 'TLS server name to send (SNI) and check (default: the host)' },
  { kind: 'flag', field: 'verify', path: ['tls', 'verify'], label: "Verify the broker's certificate", unset: true, always: true, flag: 'insecure', flagSets: false, help: 'TLS without checking the broker’s certificate' },
  { kind: 'text', field: 'wsPath', path: ['websocket', 'path'], label: 'WebSocket path', format: 'http-path', required: true, initial: DEFAULT_WEBSOCKET_PATH },

  { kind: 'text', field: 'willTopic', path: ['will', 'topic'], label: 'Will topic', format: 'topic', always: true, required: true, flag: 'will-topic', argument: 'T', help: 'the will’s topic: the will is sent when it has one' },
  { kind: 'text', field: 'willPayload', path: ['will', 'payload'], label: 'Will payload', always: true, required: true, flag: 'will-payload', argument: 'P', help: 'the will’s payload' },
  { kind: 'qos', field: 'willQos', path: ['will', 'qos'], label: 'Will QoS', always: true, required: true, flag: 'will-qos', argument: 'N', help: 'the will’s QoS (default 0)' },
  { kind: 'flag', field: 'willRetain', path: ['will', 'retain'], label: 'Will retain', unset: false, always: true, required: true, flag: 'will-retain', help: 'the broker keeps the will as the topic’s retained message' },
  { kind: 'number', field: 'willDelay', path: ['will', 'properties', 'willDelayInterval'], label: 'Will delay', ...propertyRange('willDelayInterval'), unit: 'seconds', v5: true, flag: 'will-delay', help: 'how long the broker waits before it publishes the will' },
  { kind: 'number', field: 'willMessageExpiry', path: ['will', 'properties', 'messageExpiryInterval'], label: 'Will message expiry', ...propertyRange('messageExpiryInterval'), unit: 'seconds', v5: true, flag: 'will-message-expiry', help: 'how long the will message lives once published' },
  { kind: 'text', field: 'willContentType', path: ['will', 'properties', 'contentType'], label: 'Will content type', v5: true, flag: 'will-content-type', argument: 'TYPE', help: 'the will payload’s content type (a MIME type)' },
  { kind: 'text', field: 'willResponseTopic', path: ['will', 'properties', 'responseTopic'], label: 'Will response topic', v5: true, flag: 'will-response-topic', argument: 'T', help: 'where a reply to the will goes' },
  { kind: 'flag', field: 'willPayloadIsText', path: ['will', 'properties', 'payloadFormatIndicator'], label: 'Will payload is UTF-8 text', unset: unsetProperty('payloadFormatIndicator'), v5: true, flag: 'will-payload-is-text', help: 'mark the will payload as UTF-8 text (payload format indicator 1)' },

  { kind: 'number', field: 'sessionExpiry', path: ['properties', 'sessionExpiryInterval'], label: 'Session expiry interval', ...propertyRange('sessionExpiryInterval'), unit: 'seconds', v5: true, flag: 'session-expiry', help: 'how long the broker keeps the session after the connection ends' },
  { kind: 'number', field: 'receiveMaximum', path: ['properties', 'receiveMaximum'], label: 'Receive maximum', ...propertyRange('receiveMaximum'), v5: true, flag: 'receive-maximum', help: 'QoS 1 and 2 messages the broker may send before they are acknowledged' },
  { kind: 'number', field: 'maximumPacketSize', path: ['properties', 'maximumPacketSize'], label: 'Maximum packet size', ...propertyRange('maximumPacketSize'), unit: 'bytes', v5: true, flag: 'maximum-packet-size', help: 'the largest packet this client takes' },
  { kind: 'number', field: 'topicAliasMaximum', path: ['properties', 'topicAliasMaximum'], label: 'Topic alias maximum', ...propertyRange('topicAliasMaximum'), v5: true, flag: 'topic-alias-maximum', help: 'topic aliases the broker may use' },
  { kind: 'flag', field: 'requestResponseInformation', path: ['properties', 'requestResponseInformation'], label: 'Request response information', unset: unsetProperty('requestResponseInformation'), v5: true, flag: 'request-response-info', help: 'ask the broker for response information' },
  { kind: 'flag', field: 'requestProblemInformation', path: ['properties', 'requestProblemInformation'], label: 'Request problem information', unset: unsetProperty('requestProblemInformation'), v5: true },
  { kind: 'text', field: 'authenticationMethod', path: ['properties', 'authenticationMethod'], label: 'Authentication method', v5: true, flag: 'auth-method', argument: 'M', help: 'enhanced authentication method' },

  { kind: 'number', field: 'connectDelay', path: ['plan', 'connectDelayMs'], label: 'Delay before CONNECT', ...CONNECT_DELAY_RANGE, unit: 'milliseconds', flag: 'connect-delay', help: 'wait this long between TCP and the CONNECT' },
  { kind: 'number', field: 'connackTimeout', path: ['plan', 'stepTimeoutMs'], label: 'Timeout for each step', ...STEP_TIMEOUT_RANGE, unit: 'milliseconds', flag: 'connack-timeout', help: 'give up on each step (TCP, TLS, WebSocket upgrade, CONNACK) after this long (default 10000)' },
  { kind: 'number', field: 'ackDelay', path: ['plan', 'ackDelayMs'], label: 'Delay before each acknowledgement', ...ACK_DELAY_RANGE, unit: 'milliseconds', flag: 'ack-delay', help: 'hold each PUBACK and PUBREC this long (see the broker’s Receive Maximum)' },
  { kind: 'flag', field: 'noPings', path: ['plan', 'noPings'], label: 'Send no PINGREQ', unset: false, flag: 'no-pings', help: 'never send PINGREQ (see the broker’s keep-alive timeout)' },
] as const satisfies readonly ConnectOption[];

export type OptionField = (typeof CONNECT_OPTIONS)[number]['field'];
export type NumberField = Extract<(typeof CONNECT_OPTIONS)[number], { kind: 'number' }>['field'];

const ROWS = CONNECT_OPTIONS as readonly ConnectOption[];
export const NUMBER_OPTIONS = ROWS.filter((row): row is NumberOption => row.kind === 'number');
const ROW_OF_FIELD = new Map(ROWS.map((row) => [row.field, row]));

export function optionOf(field: string): ConnectOption | undefined {
  return ROW_OF_FIELD.get(field);
}

/** The parts of ConnectOptions that exist only when something else decides it: the will when it
 *  has a topic, TLS and WebSocket by the transport. Their options go into one that is there. */
const MADE_ELSEWHERE = new Set(['will', 'tls', 'websocket']);

export function numberMessage(option: NumberOption): string {
  return wholeNumberMessage(option.label, option, option.unit);
}

/** A field's text read as its number: undefined when empty (and optional), or the message. */
export function readNumberText(text: string, option: NumberOption): { value?: number; error?: string } {
  const trimmed = text.trim();
  if (trimmed === '' && !option.required) return {};
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return inRange(value, option) ? { value } : { error: numberMessage(option) };
}

/** The object without its undefined keys, so options hold only what was set; none left is no
 *  object at all. */
export function defined<T extends object>(value: T): T | undefined {
  const entries = Object.entries(value).filter(([, item]) => item !== undefined);
  return entries.length ? (Object.fromEntries(entries) as T) : undefined;
}

/** The value at `path`, or undefined where the way there is missing. */
export function valueAt(target: unknown, path: readonly string[]): unknown {
  let at = target;
  for (const key of path) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/** Puts `value` at `path`, making the objects on the way — except a will, TLS or WebSocket,
 *  which exist only when made by what decides them; without one, its options are not placed. */
export function placeAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  if (MADE_ELSEWHERE.has(path[0]) && !target[path[0]]) return;
  let at = target;
  for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]] = value;
}

/**
 * The value an option's form field puts into ConnectOptions, or undefined when it puts none:
 * an empty optional field, a flag at its unset value, a number that is not one (`error`).
 */
export function formValueOfOption(option: ConnectOption, formValue: string | boolean): { value?: unknown; error?: string } {
  switch (option.kind) {
    case 'number':
      return readNumberText(String(formValue), option);
    case 'text': {
      const text = option.trim ? String(formValue).trim() : String(formValue);
      return text === '' && !option.always ? {} : { value: text };
    }
    case 'flag':
      return formValue !== option.unset || option.always ? { value: Boolean(formValue) } : {};
    case 'qos':
      return { value: Number(formValue) };
  }
}

/** The form's value for an option held in ConnectOptions (what it shows when nothing is there). */
export function optionFormValue(option: ConnectOption, value: unknown): string | boolean {
  switch (option.kind) {
    case 'number':
    case 'text':
      return value === undefined ? '' : String(value);
    case 'flag':
      return typeof value === 'boolean' ? value : option.unset;
    case 'qos':
      return String(value ?? 0);
  }
}

/** What a new form holds for the option, and what the command line sends when not told. */
export function initialOf(field: OptionField): unknown {
  const row = ROW_OF_FIELD.get(field)!;
  return 'initial' in row ? row.initial : unsetValue(row);
}

/** The form's fields that the table describes, as a new form holds them. */
export function initialFormValues(): Record<string, string | boolean> {
  return Object.fromEntries(ROWS.map((row) => [row.field, optionFormValue(row, 'initial' in row ? row.initial : undefined)]));
}

/** What an option is when nobody set it and it is sent anyway (`always`). */
export function unsetValue(option: ConnectOption): unknown {
  return { flag: option.kind === 'flag' && option.unset, qos: 0, text: '', number: undefined }[option.kind];
}

const ARGUMENT_OF_UNIT = { seconds: 'S', milliseconds: 'MS', bytes: 'N' } as const;

/** `  --flag ARG   help` lines for the command line's usage, aligned as the rest of it. */
export function flagUsage(which: (option: ConnectOption) => boolean): string {
  const argument = (option: ConnectOption) =>
    option.kind === 'flag' ? '' : ` ${option.argument ?? (option.kind === 'number' ? ARGUMENT_OF_UNIT[option.unit ?? 'bytes'] : 'VALUE')}`;
  return ROWS.filter((option) => option.flag && which(option))
    .map((option) => {
      const flag = `--${option.flag}${argument(option)}`;
      return flag.length < 29 ? `  ${flag.padEnd(29)}${option.help}` : `  ${flag}\n  ${''.padEnd(29)}${option.help}`;
    })
    .join('\n');
}
