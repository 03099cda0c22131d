// Two handshakes side by side: the CONNECT's fields (every v5 property included), the CONNACK's,
// and how long each step took, each row marked when the two differ. Read from the decoded
// packets and the stories' phases; a password is only ever said to be there.
import { findField, type DecodedPacket, type Field } from '../mqtt/field';
import { FIELD_KEYS } from '../mqtt/field-keys';
import { PROPERTIES } from '../mqtt/properties';
import { propertyValues, type PropertyValues } from '../mqtt/property-values';
import { summarizeConnack } from './connack';
import type { Phase } from './session-story';

export interface HandshakeSide {
  connect?: DecodedPacket;
  connack?: DecodedPacket;
  phases: readonly Pick<Phase, 'name' | 'durationMs'>[];
}

export interface ComparedRow {
  name: string;
  left: string;
  right: string;
  differs: boolean;
}

export interface ComparedSection {
  title: 'CONNECT' | 'CONNACK' | 'Timings';
  rows: ComparedRow[];
}

/** Two durations differ when one side lacks the step, or one took more than this many times the
 *  other and at least DURATION_SLACK_MS longer: timings always differ a little. */
export const DURATION_RATIO = 2;
export const DURATION_SLACK_MS = 1;

const NO_CONNECT = 'no CONNECT';
const NO_CONNACK = 'no CONNACK';
const NOT_SENT = 'not sent';
const NO_WILL = 'no will';

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** Properties whose bytes are authentication: their size is said, never their value. */
const SECRET_PROPERTIES = new Set(PROPERTIES.filter((property) => property.option === 'authenticationData').map((property) => property.name));
/** The specification's order of the properties, for rows in a stable order. */
const PROPERTY_ORDER = new Map(PROPERTIES.map((property, index) => [property.name, index]));

function showProperty(name: string, value: string | number | undefined): string {
  if (value === undefined) return NOT_SENT;
  if (SECRET_PROPERTIES.has(name)) return `present (${String(value).length / 2} bytes)`;
  return String(value);
}

function propertyRows(prefix: string, left: PropertyValues | undefined, right: PropertyValues | undefined, absent: [string, string]): ComparedRow[] {
  const names = [...new Set([...Object.keys(left ?? {}), ...Object.keys(right ?? {})])];
  names.sort((a, b) => (PROPERTY_ORDER.get(a) ?? 999) - (PROPERTY_ORDER.get(b) ?? 999) || a.localeCompare(b));
  return names.map((name) => row(`${prefix}${name}`, left ? showProperty(name, left[name]) : absent[0], right ? showProperty(name, right[name]) : absent[1]));
}

function row(name: string, left: string, right: string, differs = left !== right): ComparedRow {
  return { name, left, right, differs };
}

/** What one CONNECT says, field by field, in words. */
function connectValues(packet: DecodedPacket | undefined): Record<string, string> | undefined {
  if (!packet) return undefined;
  const field = (key: string): Field | undefined => findField(packet.fields, key);
  const hasWill = field(FIELD_KEYS.willTopic) !== undefined;
  const clientId = field(FIELD_KEYS.clientId);
  return {
    'Protocol version': field(FIELD_KEYS.protocolVersion)?.meaning ?? 'unknown',
    'Client ID': clientId ? (clientId.length === 0 ? '(empty)' : String(clientId.value)) : 'unknown',
    'Clean session / clean start': yesNo(field(FIELD_KEYS.cleanSession)?.value === true),
    'Keep alive': field(FIELD_KEYS.keepAlive)?.meaning ?? 'unknown',
    'User name present': yesNo(field(FIELD_KEYS.username) !== undefined),
    'Password present': yesNo(field(FIELD_KEYS.password) !== undefined),
    'Will topic': hasWill ? String(field(FIELD_KEYS.willTopic)!.value) : NO_WILL,
    'Will QoS': hasWill ? String(field(FIELD_KEYS.willQos)?.value ?? 0) : NO_WILL,
    'Will retain': hasWill ? yesNo(field(FIELD_KEYS.willRetain)?.value === true) : NO_WILL,
  };
}

const CONNECT_ROWS = ['Protocol version', 'Client ID', 'Clean session / clean start', 'Keep alive', 'User name present', 'Password present', 'Will topic', 'Will QoS', 'Will retain'];

function v5Properties(packet: DecodedPacket | undefined, key: string): PropertyValues | undefined {
  if (!packet) return undefined;
  return propertyValues(findField(packet.fields, key));
}

function connackValues(packet: DecodedPacket | undefined): Record<string, string> | undefined {
  const summary = packet && summarizeConnack(packet);
  if (!summary) return undefined;
  return {
    'Session present': yesNo(summary.sessionPresent),
    'Return / reason code': `${summary.codeText} ${summary.name}`,
  };
}

function fieldRows(names: string[], left: Record<string, string> | undefined, right: Record<string, string> | undefined, absent: string): ComparedRow[] {
  return names.map((name) => row(name, left?.[name] ?? absent, right?.[name] ?? absent));
}

function timingsDiffer(left: number | undefined, right: number | undefined): boolean {
  if (left === undefined || right === undefined) return left !== right;
  const [low, high] = left < right ? [left, right] : [right, left];
  return high - low >= DURATION_SLACK_MS && high > low * DURATION_RATIO;
}

/** Every step either side took, in the order they happen. */
function timingRows(left: HandshakeSide, right: HandshakeSide, formatMs: (ms: number) => string): ComparedRow[] {
  const names = [...new Set([...left.phases, ...right.phases].map((phase) => phase.name))];
  const order = (name: string) => Math.max(left.phases.findIndex((phase) => phase.name === name), right.phases.findIndex((phase) => phase.name === name));
  names.sort((a, b) => order(a) - order(b));
  return names.map((name) => {
    const a = left.phases.find((phase) => phase.name === name)?.durationMs;
    const b = right.phases.find((phase) => phase.name === name)?.durationMs;
    return row(name, a === undefined ? 'not done' : formatMs(a), b === undefined ? 'not done' : formatMs(b), timingsDiffer(a, b));
  });
}

const defaultFormat = (ms: number) => `${ms.toFixed(3)} ms`;

export function compareHandshakes(left: HandshakeSide, right: HandshakeSide, formatMs: (ms: number) => string = defaultFormat): ComparedSection[] {
  const connectAbsent: [string, string] = [NO_CONNECT, NO_CONNECT];
  const connackAbsent: [string, string] = [NO_CONNACK, NO_CONNACK];
  const isV5 = (packet: DecodedPacket | undefined) => packet?.protocolLevel === 5;
  // Property rows only where a side speaks MQTT 5: before it there are no properties to compare.
  const connectProps = isV5(left.connect) || isV5(right.connect);
  const connackProps = isV5(left.connack) || isV5(right.connack);
  const props = (packet: DecodedPacket | undefined, key: string) => (packet ? (isV5(packet) ? v5Properties(packet, key) : {}) : undefined);
  return [
    {
      title: 'CONNECT',
      rows: [
        ...fieldRows(CONNECT_ROWS, connectValues(left.connect), connectValues(right.connect), NO_CONNECT),
        ...(connectProps ? propertyRows('Property: ', props(left.connect, FIELD_KEYS.properties), props(right.connect, FIELD_KEYS.properties), connectAbsent) : []),
        ...(connectProps ? propertyRows('Will property: ', props(left.connect, 'mqtt.will_properties'), props(right.connect, 'mqtt.will_properties'), connectAbsent) : []),
      ],
    },
    {
      title: 'CONNACK',
      rows: [
        ...fieldRows(['Session present', 'Return / reason code'], connackValues(left.connack), connackValues(right.connack), NO_CONNACK),
        ...(connackProps ? propertyRows('Property: ', props(left.connack, FIELD_KEYS.properties), props(right.connack, FIELD_KEYS.properties), connackAbsent) : []),
      ],
    },
    { title: 'Timings', rows: timingRows(left, right, formatMs) },
  ];
}

/** How many rows differ, over every section. */
export function countDifferences(sections: readonly ComparedSection[]): number {
  return sections.reduce((sum, section) => sum + section.rows.filter((compared) => compared.differs).length, 0);
}
