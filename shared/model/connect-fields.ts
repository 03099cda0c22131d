// The connection options that are whole numbers, described once: the form field that holds
// each, where it goes in ConnectOptions, its range and words, whether only MQTT 5 has it, and
// the flag of `mqttscope connect`. The form's reading and filling, its messages, and the
// command line's flags and help lines are all read from this table.

const U16 = 65_535;
const U32 = 4_294_967_295;

export interface NumberOption {
  /** The form's field (a key of ConnectFormValues). */
  field: string;
  /** Where the value goes in ConnectOptions. */
  path: readonly string[];
  label: string;
  min: number;
  max: number;
  unit?: 'seconds' | 'milliseconds' | 'bytes';
  /** Every connection has one: empty is an error, not "not set". */
  required?: true;
  /** Only MQTT 5 has it: hidden and not sent for 3.1 and 3.1.1. */
  v5?: true;
  /** `mqttscope connect --FLAG VALUE`, with its help text. */
  flag?: string;
  help?: string;
}

export const NUMBER_OPTIONS = [
  { field: 'port', path: ['port'], label: 'Port', min: 1, max: U16, required: true },
  { field: 'keepAlive', path: ['keepAlive'], label: 'Keep alive', min: 0, max: U16, unit: 'seconds', required: true, flag: 'keepalive', help: 'keep alive in seconds (default 60; 0 turns it off)' },
  { field: 'connectDelay', path: ['plan', 'connectDelayMs'], label: 'Delay before CONNECT', min: 0, max: 600_000, unit: 'milliseconds', flag: 'connect-delay', help: 'wait this long between TCP and the CONNECT' },
  { field: 'connackTimeout', path: ['plan', 'connackTimeoutMs'], label: 'CONNACK timeout', min: 1, max: 600_000, unit: 'milliseconds', flag: 'connack-timeout', help: 'give up on the CONNACK after this long (default 10000)' },
  { field: 'sessionExpiry', path: ['properties', 'sessionExpiryInterval'], label: 'Session expiry interval', min: 0, max: U32, unit: 'seconds', v5: true, flag: 'session-expiry', help: 'how long the broker keeps the session after the connection ends' },
  { field: 'receiveMaximum', path: ['properties', 'receiveMaximum'], label: 'Receive maximum', min: 1, max: U16, v5: true, flag: 'receive-maximum', help: 'QoS 1 and 2 messages the broker may send before they are acknowledged' },
  { field: 'maximumPacketSize', path: ['properties', 'maximumPacketSize'], label: 'Maximum packet size', min: 1, max: U32, unit: 'bytes', v5: true, flag: 'maximum-packet-size', help: 'the largest packet this client takes' },
  { field: 'topicAliasMaximum', path: ['properties', 'topicAliasMaximum'], label: 'Topic alias maximum', min: 0, max: U16, v5: true, flag: 'topic-alias-maximum', help: 'topic aliases the broker may use' },
  { field: 'willDelay', path: ['will', 'properties', 'willDelayInterval'], label: 'Will delay', min: 0, max: U32, unit: 'seconds', v5: true, flag: 'will-delay', help: 'how long the broker waits before it publishes the will' },
  { field: 'willMessageExpiry', path: ['will', 'properties', 'messageExpiryInterval'], label: 'Will message expiry', min: 0, max: U32, unit: 'seconds', v5: true, flag: 'will-message-expiry', help: 'how long the will message lives once published' },
] as const satisfies readonly NumberOption[];

export type NumberField = (typeof NUMBER_OPTIONS)[number]['field'];

export function numberMessage(option: NumberOption): string {
  return `${option.label} must be a whole number${option.unit ? ` of ${option.unit}` : ''} from ${option.min} to ${option.max}`;
}

/** A field's text read as its number: undefined when empty (and optional), or the message. */
export function readNumberText(text: string, option: NumberOption): { value?: number; error?: string } {
  const trimmed = text.trim();
  if (trimmed === '' && !option.required) return {};
  const value = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  return value >= option.min && value <= option.max ? { value } : { error: numberMessage(option) };
}

/** The value at `path`, or undefined where the way there is missing. */
export function valueAt(target: unknown, path: readonly string[]): unknown {
  let at = target;
  for (const key of path) at = at && typeof at === 'object' ? (at as Record<string, unknown>)[key] : undefined;
  return at;
}

/**
 * Puts `value` at `path`, making the objects on the way — but a will only exists when it has a
 * topic: its properties are placed into a will that is there, never into one made for them.
 */
export function placeAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  if (path[0] === 'will' && !target.will) return;
  let at = target;
  for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[path[path.length - 1]] = value;
}

/** `  --flag ARG   help` lines for the command line's usage, aligned as the rest of it. */
export function numberFlagUsage(which: (option: NumberOption) => boolean): string {
  const argument = (option: NumberOption) => ({ seconds: 'S', milliseconds: 'MS', bytes: 'N' })[option.unit ?? 'bytes'];
  return (NUMBER_OPTIONS as readonly NumberOption[])
    .filter((option) => option.flag && which(option))
    .map((option) => `  ${`--${option.flag} ${argument(option)}`.padEnd(29)}${option.help}`)
    .join('\n');
}
