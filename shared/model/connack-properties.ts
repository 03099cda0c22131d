// An MQTT 5 handshake's properties side by side, in words: what the CONNECT asked and what the
// CONNACK granted, each side's own limits, and what the broker offers. A property a side did
// not send is never a blank: its absence means something (the asked value stands, or the
// specification's default), and that is what is said.
import type { PropertyValues } from '../mqtt/property-values';
import { formatCount } from '../format-count';

export type PropertyGroup = 'asked' | 'limits' | 'offers' | 'other';

export interface PropertyRow {
  group: PropertyGroup;
  name: string;
  /** What the CONNECT said, or what its silence means; undefined where only the broker speaks. */
  client?: string;
  /** What the CONNACK said, or what its silence means. */
  broker: string;
}

export const PROPERTY_GROUP_TITLES: Record<PropertyGroup, string> = {
  asked: 'Asked → granted',
  limits: 'Each side’s own limit',
  offers: 'What the broker offers',
  other: 'Other properties',
};

const number = (value: string | number) => (typeof value === 'number' ? formatCount(value) : value);
const seconds = (value: string | number) => `${number(value)} s`;
const yesNo = (value: string | number) => (value === 0 ? 'no' : 'yes');

/** Each side's limit for what the other may send; absent, the default applies (v5 3.1.2.11, 3.2.2.3). */
const LIMITS: { name: string; absent: string; show?: (value: string | number) => string }[] = [
  { name: 'Receive Maximum', absent: '65,535 (default)' },
  { name: 'Maximum Packet Size', absent: 'no limit (default)', show: (value) => `${number(value)} bytes` },
  { name: 'Topic Alias Maximum', absent: '0 (default): no topic aliases' },
];

/** What the broker supports; absent means the default, which is always the generous one (v5 3.2.2.3). */
const OFFERS: { name: string; absent: string; show: (value: string | number) => string }[] = [
  { name: 'Maximum QoS', absent: '2 (default)', show: String },
  { name: 'Retain Available', absent: 'yes (default)', show: yesNo },
  { name: 'Wildcard Subscription Available', absent: 'yes (default)', show: yesNo },
  { name: 'Subscription Identifier Available', absent: 'yes (default)', show: yesNo },
  { name: 'Shared Subscription Available', absent: 'yes (default)', show: yesNo },
];

/** Properties with a row of their own above; any other either side sent goes to `other`. */
const PLACED = new Set([
  'Session Expiry Interval',
  'Server Keep Alive',
  'Request Response Information',
  'Response Information',
  'Assigned Client Identifier',
  'Request Problem Information',
  ...LIMITS.map((limit) => limit.name),
  ...OFFERS.map((offer) => offer.name),
]);

export interface HandshakeValues {
  clientId: string;
  keepAlive: number;
  asked: PropertyValues;
  granted: PropertyValues;
}

export function connackPropertyRows({ clientId, keepAlive, asked, granted }: HandshakeValues): PropertyRow[] {
  const rows: PropertyRow[] = [];
  const row = (group: PropertyGroup, name: string, client: string | undefined, broker: string) => rows.push({ group, name, ...(client !== undefined ? { client } : {}), broker });

  const expiryAsked = asked['Session Expiry Interval'];
  const expiryAskedText = expiryAsked === undefined ? '0 s (default): the session ends with the connection' : seconds(expiryAsked);
  const expiryGranted = granted['Session Expiry Interval'];
  row('asked', 'Session Expiry Interval', expiryAskedText, expiryGranted === undefined ? `not sent: ${expiryAsked === undefined ? '0 s' : seconds(expiryAsked)} as asked` : seconds(expiryGranted));

  const keepAliveText = keepAlive === 0 ? '0: off' : seconds(keepAlive);
  const serverKeepAlive = granted['Server Keep Alive'];
  row('asked', 'Keep Alive', keepAliveText, serverKeepAlive === undefined ? `not sent: ${keepAliveText} as asked` : `${seconds(serverKeepAlive)} (Server Keep Alive)`);

  const assigned = granted['Assigned Client Identifier'];
  if (clientId === '' || assigned !== undefined) {
    row('asked', 'Client identifier', clientId === '' ? 'empty: the broker is to assign one' : clientId, assigned === undefined ? 'not sent: the client’s own stands' : `${assigned} (Assigned Client Identifier)`);
  }

  const responseAsked = asked['Request Response Information'];
  const response = granted['Response Information'];
  if (responseAsked !== undefined || response !== undefined) {
    const wanted = responseAsked === 1;
    row(
      'asked',
      'Response Information',
      wanted ? 'asked for (Request Response Information 1)' : 'not asked for',
      response !== undefined ? String(response) : wanted ? 'none sent: the broker offers no response information' : 'not sent',
    );
  }

  const problems = asked['Request Problem Information'];
  if (problems !== undefined) {
    row('asked', 'Request Problem Information', problems === 0 ? '0: reason strings and user properties only on CONNACK and DISCONNECT' : '1: reason strings and user properties wherever allowed', 'nothing to grant: the broker follows it');
  }

  for (const limit of LIMITS) {
    const show = limit.show ?? number;
    const mine = asked[limit.name];
    const theirs = granted[limit.name];
    row('limits', limit.name, mine === undefined ? limit.absent : show(mine), theirs === undefined ? limit.absent : show(theirs));
  }

  for (const offer of OFFERS) {
    const value = granted[offer.name];
    row('offers', offer.name, undefined, value === undefined ? offer.absent : offer.show(value));
  }

  const others = [...new Set([...Object.keys(asked), ...Object.keys(granted)])].filter((name) => !PLACED.has(name));
  for (const name of others) {
    const mine = asked[name];
    const theirs = granted[name];
    row('other', name, mine === undefined ? 'not sent' : String(mine), theirs === undefined ? 'not sent' : String(theirs));
  }
  return rows;
}
