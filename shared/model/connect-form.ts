// The connection form as a person fills it: every value is the text (or checkbox) they
// entered. It is parsed into the engine's options with a message per field, filled back from
// saved options, filled from a pasted broker URL, and checked for combinations that fail.
import { parseBrokerUrl, type Transport } from './broker-url';
import { CONNECT_OPTIONS, defined, formValueOfOption, initialFormValues, optionFormValue, optionOf, placeAt, valueAt, type ConnectOption, type OptionField } from './connect-fields';
import { connectOptionsSchema, type ConnectOptions } from './connect-options';
import { MQTT31_CLIENT_ID_MAX_CHARS } from '../limits';

export { DEFAULT_PORTS, TRANSPORTS, type Transport } from './broker-url';

type OptionRow = (typeof CONNECT_OPTIONS)[number];
type FormValueOf<R extends OptionRow> = R extends { kind: 'flag' } ? boolean : R extends { kind: 'qos' } ? '0' | '1' | '2' : string;

/** The table's options as the form holds them: the text typed (a number too), a checkbox's state,
 *  a QoS chosen. */
export type OptionFormValues = { [R in OptionRow as R['field']]: FormValueOf<R> };

export interface ConnectFormValues extends OptionFormValues {
  transport: Transport;
  protocolVersion: ConnectOptions['protocolVersion'];
  /** One `key=value` a line. */
  userProperties: string;
  /** After the CONNACK: one `topic [qos]` a line. */
  subscriptions: string;
  /** After the subscriptions: one message, sent when it has a topic. */
  publishTopic: string;
  publishPayload: string;
  publishQos: '0' | '1' | '2';
  publishRetain: boolean;
}

export type ConnectFormField = keyof ConnectFormValues;
export type ConnectFormErrors = Partial<Record<ConnectFormField, string>>;

/** A new form: each option of the table as its row starts it, and the rest empty. */
export const DEFAULT_CONNECT_FORM: ConnectFormValues = {
  ...(initialFormValues() as OptionFormValues),
  transport: 'mqtt',
  protocolVersion: '3.1.1',
  userProperties: '',
  subscriptions: '',
  publishTopic: '',
  publishPayload: '',
  publishQos: '0',
  publishRetain: false,
};

/** Where each option's schema path shows in the form, for its error message. */
const FIELD_OF_PATH: Record<string, ConnectFormField> = {
  'properties.userProperties': 'userProperties',
  'plan.subscriptions': 'subscriptions',
  'plan.publications': 'publishTopic',
  ...Object.fromEntries(CONNECT_OPTIONS.map((option) => [option.path.join('.'), option.field])),
};

/** User properties written one `key=value` a line (the CONNECT's and a PUBLISH's); undefined
 *  pairs when there are none. */
export function parseUserPropertyLines(text: string): { pairs?: [string, string][]; error?: string } {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) return {};
  const pairs: [string, string][] = [];
  for (const line of lines) {
    const at = line.indexOf('=');
    if (at <= 0) return { error: `Write each user property as key=value (“${line}” has no key)` };
    pairs.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return { pairs };
}

function readUserProperties(text: string, errors: ConnectFormErrors): [string, string][] | undefined {
  const { pairs, error } = parseUserPropertyLines(text);
  if (error) errors.userProperties = error;
  return pairs;
}

function readSubscriptions(text: string, errors: ConnectFormErrors): { topic: string; qos: 0 | 1 | 2 }[] | undefined {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) return undefined;
  const subscriptions: { topic: string; qos: 0 | 1 | 2 }[] = [];
  for (const line of lines) {
    const match = /^(\S+)(?:\s+([012]))?$/.exec(line);
    if (!match) {
      errors.subscriptions = `Write each subscription as “topic/filter qos”, e.g. “sensors/# 1” (“${line}” is not)`;
      return undefined;
    }
    subscriptions.push({ topic: match[1], qos: Number(match[2] ?? 0) as 0 | 1 | 2 });
  }
  return subscriptions;
}

export function parseConnectForm(values: ConnectFormValues): { ok: true; options: ConnectOptions } | { ok: false; errors: ConnectFormErrors } {
  const errors: ConnectFormErrors = {};
  const v5 = values.protocolVersion === '5';
  const secure = values.transport === 'mqtts' || values.transport === 'wss';
  const web = values.transport === 'ws' || values.transport === 'wss';

  const candidate: Record<string, unknown> = {
    protocolVersion: values.protocolVersion,
    // Made here, filled by the table: the will by its topic, TLS and WebSocket by the transport.
    will: values.willTopic === '' ? undefined : {},
    tls: secure ? {} : undefined,
    websocket: web ? { path: '/' } : undefined,
    plan: defined({
      subscriptions: readSubscriptions(values.subscriptions, errors),
      publications: values.publishTopic === '' ? undefined : [{ topic: values.publishTopic, payload: values.publishPayload, qos: Number(values.publishQos), retain: values.publishRetain }],
    }),
    properties: v5 ? defined({ userProperties: readUserProperties(values.userProperties, errors) }) : undefined,
  };
  for (const option of CONNECT_OPTIONS as readonly ConnectOption[]) {
    if (option.v5 && !v5) continue;
    const { value, error } = formValueOfOption(option, values[option.field as ConnectFormField]);
    if (error) errors[option.field as ConnectFormField] = error;
    else if (value !== undefined) placeAt(candidate, option.path, value);
  }
  const parsed = connectOptionsSchema.safeParse(JSON.parse(JSON.stringify(candidate)));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      const field = FIELD_OF_PATH[path] ?? FIELD_OF_PATH[issue.path.slice(0, 2).join('.')] ?? (issue.path[0] as ConnectFormField);
      // Numbers were checked above with their own words; the schema only sees what passed.
      if (optionOf(field)?.kind === 'number' && errors[field]) continue;
      errors[field] ??= issue.message;
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, options: parsed.data };
}

/** The form filled from saved options: the inverse of `parseConnectForm`. */
export function formValuesOf(options: ConnectOptions): ConnectFormValues {
  const { properties = {}, plan = {}, tls, websocket } = options;
  const transport: Transport = websocket ? (tls ? 'wss' : 'ws') : tls ? 'mqtts' : 'mqtt';
  const fromTable = Object.fromEntries(
    (CONNECT_OPTIONS as readonly ConnectOption[]).map((option) => [option.field, optionFormValue(option, valueAt(options, option.path))]),
  ) as Pick<ConnectFormValues, OptionField>;
  return {
    ...DEFAULT_CONNECT_FORM,
    ...fromTable,
    transport,
    wsPath: websocket?.path ?? DEFAULT_CONNECT_FORM.wsPath,
    protocolVersion: options.protocolVersion,
    userProperties: (properties.userProperties ?? []).map(([key, value]) => `${key}=${value}`).join('\n'),
    subscriptions: (plan.subscriptions ?? []).map(({ topic, qos }) => `${topic} ${qos}`).join('\n'),
    publishTopic: plan.publications?.[0]?.topic ?? '',
    publishPayload: plan.publications?.[0]?.payload ?? '',
    publishQos: String(plan.publications?.[0]?.qos ?? 0) as ConnectFormValues['publishQos'],
    publishRetain: plan.publications?.[0]?.retain ?? false,
  };
}

/** A broker URL read into the form's values it sets; the same reader as `mqttscope connect`. */
export function formValuesOfUrl(text: string): { ok: true; values: Partial<ConnectFormValues> } | { ok: false; message: string } {
  const parsed = parseBrokerUrl(text);
  if (!parsed.ok) return parsed;
  const { transport, host, port, username, password, wsPath, clientId } = parsed.url;
  const values: Partial<ConnectFormValues> = { transport, host, port: String(port), username, password };
  if (wsPath !== undefined) values.wsPath = wsPath;
  if (clientId !== undefined) values.clientId = clientId;
  return { ok: true, values };
}

/** The will's fields besides its topic: without a topic there is no will, so they go with it. */
const WILL_DETAILS = (CONNECT_OPTIONS as readonly ConnectOption[]).filter((option) => option.path[0] === 'will' && option.field !== 'willTopic').map((option) => option.field as ConnectFormField);

/** One field changed by the person, with what follows from it: clearing the will topic clears
 *  the rest of the will, so nothing is left to warn about for a will that no longer exists. */
export function withFormValue<K extends ConnectFormField>(values: ConnectFormValues, name: K, value: ConnectFormValues[K]): ConnectFormValues {
  const next = { ...values, [name]: value };
  if (name === 'willTopic' && value === '') {
    for (const field of WILL_DETAILS) (next as Record<string, unknown>)[field] = DEFAULT_CONNECT_FORM[field];
  }
  return next;
}

/** 127.0.0.0/8, ::1 and localhost: traffic that never leaves this machine. */
export function isLoopbackHost(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost') || name === '::1' || name === '0:0:0:0:0:0:0:1') return true;
  const v4 = name.replace(/^::ffff:/, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}

/** `blocking`: the broker will refuse the CONNECT, or it takes over another connection; Connect
 *  asks to be confirmed. `advice`: worth knowing, never in the way. */
export type WarningKind = 'blocking' | 'advice';

/** A connection of this app that is open now (connecting or connected). */
export interface OpenConnection {
  label: string;
  host: string;
  port: number;
  clientId: string;
}

/** The same broker: the same port on the same host (every loopback name is this machine). */
export function sameBroker(a: { host: string; port: number }, b: { host: string; port: number }): boolean {
  return a.port === b.port && (a.host.trim().toLowerCase() === b.host.trim().toLowerCase() || (isLoopbackHost(a.host) && isLoopbackHost(b.host)));
}

export interface FormWarning {
  kind: WarningKind;
  field: ConnectFormField;
  message: string;
}

/** Combinations the broker will refuse, a takeover of this app's own open connection, and advice,
 *  said before connecting. */
export function formWarnings(values: ConnectFormValues, openConnections: readonly OpenConnection[] = []): FormWarning[] {
  const warnings: FormWarning[] = [];
  const blocking = (field: ConnectFormField, message: string) => warnings.push({ kind: 'blocking', field, message });
  const advice = (field: ConnectFormField, message: string) => warnings.push({ kind: 'advice', field, message });
  const v3 = values.protocolVersion !== '5';
  if (v3 && values.clientId === '' && !values.clean) {
    blocking('clientId', 'An empty client ID with clean session off is refused with return code 2 (identifier rejected): the broker cannot keep a session for a client it cannot name. Give a client ID, or turn clean session on.');
  }
  if (values.protocolVersion === '3.1' && values.clientId === '') {
    blocking('clientId', `MQTT 3.1 requires a client ID of 1 to ${MQTT31_CLIENT_ID_MAX_CHARS} characters; an empty one is refused with return code 2.`);
  }
  if (values.protocolVersion === '3.1' && values.clientId.length > MQTT31_CLIENT_ID_MAX_CHARS) {
    blocking('clientId', `MQTT 3.1 brokers may refuse a client ID longer than ${MQTT31_CLIENT_ID_MAX_CHARS} characters (return code 2).`);
  }
  if (v3 && values.password !== '' && values.username === '') {
    blocking('password', 'MQTT 3.x sends a password only with a user name [MQTT-3.1.2-22]: the broker will see a malformed CONNECT.');
  }
  const port = Number(values.port);
  const taken = values.clientId === '' ? undefined : openConnections.find((open) => open.clientId === values.clientId && sameBroker(open, { host: values.host, port }));
  if (taken) {
    blocking('clientId', `This app’s connection “${taken.label}” is open with the client ID “${values.clientId}” on this broker: connecting takes its session over, and the broker closes that connection [MQTT-3.1.4-2].`);
  }
  if (values.password !== '' && (values.transport === 'mqtt' || values.transport === 'ws') && !isLoopbackHost(values.host)) {
    advice('password', 'The password travels in clear text over plain TCP: anyone on the path can read it. Use mqtts:// or wss:// for credentials.');
  }
  if (values.willTopic === '' && (values.willQos !== '0' || values.willRetain || values.willPayload !== '')) {
    advice('willTopic', 'Will QoS, retain or payload are set without a will topic, so no will is sent. Give a will topic, or clear them.');
  }
  return warnings;
}

/** Connect asks to be confirmed only for what the broker will refuse or what it takes over. */
export function needsConfirmation(warnings: readonly FormWarning[]): boolean {
  return warnings.some((warning) => warning.kind === 'blocking');
}

/** The name a profile gets when the person gives none: `client-id@host:port`. */
export function defaultProfileName(values: Pick<ConnectFormValues, 'clientId' | 'host' | 'port'>): string {
  const host = values.host.trim().includes(':') ? `[${values.host.trim()}]` : values.host.trim();
  const target = `${host}:${values.port.trim()}`;
  return values.clientId === '' ? target : `${values.clientId}@${target}`;
}
