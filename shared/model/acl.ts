// mosquitto's acl_file format, read into rules: `topic [read|write|readwrite|deny] FILTER`,
// `user NAME`, `pattern [read|write|readwrite|deny] FILTER` (with %c and %u), `#` comments and
// blank lines. Rules before any `user` line are the anonymous clients'; `pattern` rules apply to
// everyone. Never throws: a file that does not read comes back as errors with line numbers.
import { MQTT_STRING_MAX_BYTES, mqttStringMessage } from '../limits';
import { utf8Length } from '../mqtt/utf8';

export type AclAccess = 'read' | 'write' | 'readwrite' | 'deny';
export const ACL_ACCESS: readonly AclAccess[] = ['read', 'write', 'readwrite', 'deny'];

export interface AclRule {
  /** 1-based line in the file, for the events that name it. */
  line: number;
  access: AclAccess;
  filter: string;
}

export interface Acl {
  /** `topic` rules before any `user` line. */
  anonymous: AclRule[];
  /** `topic` rules after `user NAME`, by user name. */
  users: Map<string, AclRule[]>;
  /** `pattern` rules, wherever they stand. */
  patterns: AclRule[];
}

export interface AclError {
  line: number;
  message: string;
}

export type AclParse = { ok: true; acl: Acl } | { ok: false; errors: AclError[] };

const SUBSTITUTIONS = ['%c', '%u'];

/** Why a filter is not a valid topic filter [MQTT-4.7.1-1, MQTT-4.7.1-2, MQTT-4.7.1-3], or undefined. */
function filterProblem(filter: string, pattern: boolean): string | undefined {
  // A topic filter is an MQTT string: its length is two bytes.
  if (utf8Length(filter) > MQTT_STRING_MAX_BYTES) return mqttStringMessage('the topic filter');
  const levels = filter.split('/');
  for (const [index, level] of levels.entries()) {
    if (level.includes('#') && (level !== '#' || index !== levels.length - 1)) return `"#" must be a whole level and the last one (in "${filter}")`;
    if (level.includes('+') && level !== '+') return `"+" must be a whole level (in "${filter}")`;
    if (pattern && SUBSTITUTIONS.some((item) => level.includes(item)) && !SUBSTITUTIONS.includes(level)) {
      return `%c and %u must be the only text of their level (in "${filter}")`;
    }
  }
  return undefined;
}

export function parseAcl(text: string): AclParse {
  const acl: Acl = { anonymous: [], users: new Map(), patterns: [] };
  const errors: AclError[] = [];
  let user: string | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const content = raw.trimEnd();
    // As mosquitto: a comment is a line whose first character is #.
    if (content.startsWith('#') || content.trim() === '') return;
    const [keyword, ...rest] = content.trim().split(/[ \t]+/);
    const fail = (message: string) => errors.push({ line, message });
    if (keyword === 'user') {
      const name = content.trim().slice('user'.length).trim();
      if (!name) return fail('"user" needs a user name');
      user = name;
      if (!acl.users.has(name)) acl.users.set(name, []);
      return;
    }
    if (keyword !== 'topic' && keyword !== 'pattern') return fail(`"${keyword}" is not an ACL line; write topic, pattern or user`);
    if (rest.length === 0) return fail(`"${keyword}" needs a topic filter`);
    // The access word is optional (read and write when left out), unless the filter has a space.
    let access: AclAccess = 'readwrite';
    let filter = rest.join(' ');
    if (rest.length > 1) {
      if (!ACL_ACCESS.includes(rest[0] as AclAccess)) return fail(`"${rest[0]}" is not an access; write read, write, readwrite or deny`);
      access = rest[0] as AclAccess;
      filter = content.trim().slice(keyword.length).trim().slice(rest[0].length).trim();
    }
    const problem = filterProblem(filter, keyword === 'pattern');
    if (problem) return fail(problem);
    const rule = { line, access, filter };
    if (keyword === 'pattern') acl.patterns.push(rule);
    else if (user === undefined) acl.anonymous.push(rule);
    else acl.users.get(user)!.push(rule);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, acl };
}

/** The errors as one message a person can read, line by line. */
export function describeAclErrors(errors: AclError[]): string {
  return errors.map((error) => `line ${error.line}: ${error.message}`).join('\n');
}
