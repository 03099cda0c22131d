// What a parsed ACL decides for one client, one operation and one topic, and which line decided
// it. Read and write follow mosquitto: the client's own `topic` rules (a user's, or the anonymous
// ones), then the `pattern` rules; in each, a matching `deny` wins over any grant; nothing
// granted means denied. A SUBSCRIBE, which mosquitto's acl_file never refuses, is refused when
// a `deny` covers the whole filter or no rule could let the client read anything it matches.
import type { Acl, AclRule } from './acl';

export type AclOperation = 'read' | 'write' | 'subscribe';

export interface AclClient {
  clientId: string;
  username?: string;
}

export interface AclDecision {
  allowed: boolean;
  /** The line that decided; none when nothing granted the operation. */
  line?: number;
}

const levels = (filter: string) => filter.split('/');
const isWildcard = (level: string) => level === '+' || level === '#';
/** A filter starting with a wildcard does not match a topic starting with $ [MQTT-4.7.2-1]. */
const dollarGuard = (index: number, wildcard: string, other: string | undefined) => index === 0 && isWildcard(wildcard) && other !== undefined && other.startsWith('$');

/** True when some topic name matches both filters; with a topic name for one, whether it matches [MQTT-4.7]. */
export function filtersOverlap(a: string, b: string): boolean {
  const left = levels(a);
  const right = levels(b);
  for (let index = 0; ; index++) {
    const x = left[index];
    const y = right[index];
    if (x === undefined && y === undefined) return true;
    // `a/#` also matches `a` [MQTT-4.7.1-2].
    if (x === undefined) return y === '#';
    if (y === undefined) return x === '#';
    if (dollarGuard(index, x, y) || dollarGuard(index, y, x)) return false;
    if (x === '#' || y === '#') return true;
    if (x !== '+' && y !== '+' && x !== y) return false;
  }
}

/** True when every topic name that `inner` matches, `outer` matches too. */
export function filterCovers(outer: string, inner: string): boolean {
  const big = levels(outer);
  const small = levels(inner);
  for (let index = 0; ; index++) {
    const x = big[index];
    const y = small[index];
    if (x === '#') return !dollarGuard(index, x, y);
    if (x === undefined || y === undefined) return x === y;
    if (y === '#') return false;
    if (x === '+' ? dollarGuard(index, x, y) : x !== y) return false;
  }
}

const grants = (rule: AclRule, operation: AclOperation) =>
  rule.access === 'readwrite' || rule.access === (operation === 'subscribe' ? 'read' : operation);

/** A pattern's filter for this client, or undefined when it cannot apply to it. */
function substitute(filter: string, client: AclClient): string | undefined {
  const parts = levels(filter);
  if (parts.includes('%u') && client.username === undefined) return undefined;
  const values = { '%c': client.clientId, '%u': client.username ?? '' };
  // A client id or user name with a wildcard or a slash would widen the rule (CVE-2017-7650).
  if (parts.some((part) => part in values && /[+#/]/.test(values[part as keyof typeof values]))) return undefined;
  return parts.map((part) => (part in values ? values[part as keyof typeof values] : part)).join('/');
}

function decideIn(rules: AclRule[], operation: AclOperation, topic: string): AclDecision | undefined {
  const denies = operation === 'subscribe' ? (rule: AclRule) => filterCovers(rule.filter, topic) : (rule: AclRule) => filtersOverlap(rule.filter, topic);
  const denied = rules.find((rule) => rule.access === 'deny' && denies(rule));
  if (denied) return { allowed: false, line: denied.line };
  const granted = rules.find((rule) => grants(rule, operation) && filtersOverlap(rule.filter, topic));
  return granted ? { allowed: true, line: granted.line } : undefined;
}

/** The rules that apply to one client, patterns filled in: fixed for its connection. */
export interface ClientRules {
  own: AclRule[];
  patterns: AclRule[];
}

export function rulesFor(acl: Acl, client: AclClient): ClientRules {
  const own = client.username === undefined ? acl.anonymous : (acl.users.get(client.username) ?? []);
  const patterns = acl.patterns.flatMap((rule) => {
    const filter = substitute(rule.filter, client);
    return filter === undefined ? [] : [{ ...rule, filter }];
  });
  return { own, patterns };
}

/** The decision from a client's rules (see `rulesFor`): the broker asks per packet. */
export function decideFor(rules: ClientRules, operation: AclOperation, topic: string): AclDecision {
  return decideIn(rules.own, operation, topic) ?? decideIn(rules.patterns, operation, topic) ?? { allowed: false };
}

export function decideAcl(acl: Acl, client: AclClient, operation: AclOperation, topic: string): AclDecision {
  return decideFor(rulesFor(acl, client), operation, topic);
}
