// `mqttscope connect URL [options]` read into the engine's connection options, checked by the
// contract's schema for connection.open, the one the UI's form and the engine use.
import { parseArgs } from 'node:util';
import { parseBrokerUrl } from '@shared/model/broker-url';
import { CONNECT_OPTIONS, defined, flagUsage, initialOf, placeAt, unsetValue, valueAt, type ConnectOption } from '@shared/model/connect-fields';
import { requestSchemas } from '@shared/contract';
import type { ConnectOptions, TlsOptions } from '@shared/model/connect-options';
import { readFlagFile } from './flag-file';
import { firstLine, PASSWORD_ENV } from './secret-input';
import { checkedFlags, requestFromFlags } from './request-params';
import { UsageError } from './usage-error';

export interface ConnectCommand {
  options: ConnectOptions;
  json: boolean;
  /** Seconds to stay connected after the plan has run; 0 ends right away. */
  holdSeconds: number;
  /** End without DISCONNECT, so the broker publishes the will. */
  abort: boolean;
  /** MQTT 5 reason code for the DISCONNECT. */
  disconnectReason?: number;
  /** Write the trace to this file. */
  save?: string;
}

const ROWS = CONNECT_OPTIONS as readonly ConnectOption[];
const isTls = (option: ConnectOption) => option.path[0] === 'tls';
const isWill = (option: ConnectOption) => option.path[0] === 'will';

export const CONNECT_USAGE = `mqttscope connect URL [options]    URL: mqtt://[user[:password]@]host[:port][?clientId=ID] (or tcp://),
                               mqtts:// (or ssl://, tls://), ws://host:port[/path] (/mqtt if none), wss://…
  --protocol 3.1|3.1.1|5       MQTT version (default 3.1.1)
${flagUsage((option) => !option.v5 && !isTls(option) && !isWill(option) && option.path[0] !== 'plan')}
  --password-file FILE         the password is its first line (a flag's value is visible to every
                               user in ps)
${flagUsage((option) => !option.v5 && isWill(option))}
  --subscribe TOPIC[:QOS]      subscribe after the CONNACK (repeatable)
  --unsubscribe TOPIC          unsubscribe after the publications (repeatable)
  --publish TOPIC=PAYLOAD[:QOS]
                               publish after the CONNACK (repeatable)
  --hold S                     stay connected S seconds before disconnecting (default 0)
  --abort                      end without DISCONNECT, as a crash would (the will fires)
  --disconnect-reason CODE     MQTT 5 DISCONNECT reason code (e.g. 4: publish the will anyway)
  --raw HEX                    send these bytes instead of the CONNECT
${flagUsage((option) => option.path[0] === 'plan')}
  MQTT 5 properties:
${flagUsage((option) => option.v5 === true)}
  --request-problem-info 0|1   ask for reason strings and user properties on failures (default 1)
  --user-property KEY=VALUE    a user property of the CONNECT (repeatable)
  --auth-data HEX              enhanced authentication data
  TLS (mqtts:// and wss://):
${flagUsage(isTls)}
  --alpn PROTOCOL              TLS ALPN protocol to offer (repeatable)
  --save FILE                  write the trace to FILE (open it with mqttscope open)
  --json                       JSON lines, one event per line, instead of text`;

export { UsageError };

/** The table's flags: a value for each option that has one, a switch for each yes/no. */
const TABLE_FLAGS = Object.fromEntries(
  ROWS.filter((option) => option.flag).map((option) => [option.flag!, { type: option.kind === 'flag' ? ('boolean' as const) : ('string' as const) }]),
);

function qosOf(text: string | undefined, what: string): 0 | 1 | 2 {
  if (text === undefined || text === '') return 0;
  if (!['0', '1', '2'].includes(text)) throw new UsageError(`${what}: QoS must be 0, 1 or 2, not "${text}"`);
  return Number(text) as 0 | 1 | 2;
}

// Numbers are checked by the schema; here text only becomes a number.
const num = (text: string | undefined) => (text === undefined ? undefined : /^\d+$/.test(text) ? Number(text) : Number.NaN);

function valueOfFlag(option: ConnectOption, flagged: string | boolean): unknown {
  switch (option.kind) {
    case 'number':
      return num(flagged as string);
    case 'qos':
      return qosOf(flagged as string, `--${option.flag}`);
    case 'flag':
      return option.flagSets ?? true;
    case 'text':
      return option.fromFile ? readFlagFile(flagged as string, `--${option.flag}`) : flagged;
  }
}

/** The TLS rows' flags (`--ca`, `--insecure`, …), for a command that takes no other connection option. */
export const TLS_FLAGS = Object.fromEntries(Object.entries(TABLE_FLAGS).filter(([flag]) => ROWS.some((option) => option.flag === flag && isTls(option))));

/** TLS options from the TLS rows' flags: for an mqtts:// or wss:// URL, refused for any other.
 *  Not checked here: the request that carries them checks them with the rest. */
export function tlsFromFlags(flags: Record<string, unknown>, secure: boolean): Partial<TlsOptions> | undefined {
  const tlsRows = ROWS.filter(isTls);
  const given = tlsRows.find((option) => flags[option.flag!] !== undefined);
  if (given && !secure) throw new UsageError(`--${given.flag} needs an mqtts:// or wss:// URL`);
  if (!secure) return undefined;
  const candidate: Record<string, unknown> = { tls: {} };
  for (const option of tlsRows) {
    const flagged = flags[option.flag!];
    if (flagged !== undefined) placeAt(candidate, option.path, valueOfFlag(option, flagged as string | boolean));
    else if (option.always) placeAt(candidate, option.path, unsetValue(option));
  }
  return candidate.tls as Partial<TlsOptions>;
}

export function parseConnectCommand(args: string[], env: NodeJS.ProcessEnv = process.env): ConnectCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        protocol: { type: 'string' },
        ...TABLE_FLAGS,
        clean: { type: 'boolean' },
        'password-file': { type: 'string' },
        subscribe: { type: 'string', multiple: true },
        unsubscribe: { type: 'string', multiple: true },
        'disconnect-reason': { type: 'string' },
        'request-problem-info': { type: 'string' },
        'user-property': { type: 'string', multiple: true },
        'auth-data': { type: 'string' },
        publish: { type: 'string', multiple: true },
        hold: { type: 'string' },
        abort: { type: 'boolean' },
        raw: { type: 'string' },
        alpn: { type: 'string', multiple: true },
        save: { type: 'string' },
        json: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError('give one broker URL, e.g. mqtt://127.0.0.1:1883');
  const read = parseBrokerUrl(positionals[0]);
  if (!read.ok) throw new UsageError(read.message);
  const url = read.url;
  const secure = url.transport === 'mqtts' || url.transport === 'wss';
  const websocket = url.transport === 'ws' || url.transport === 'wss';
  const hold = values.hold === undefined ? 0 : Number(values.hold);
  if (!Number.isFinite(hold) || hold < 0) throw new UsageError(`--hold must be a number of seconds, not "${values.hold}"`);

  const protocol = values.protocol ?? '3.1.1';
  const flags = values as Record<string, string | boolean | string[] | undefined>;
  const given = ROWS.filter((option) => option.flag && flags[option.flag] !== undefined);
  const v5Flags = ['request-problem-info', 'user-property', 'auth-data'] as const;
  const usedV5 = [...given.filter((option) => option.v5).map((option) => option.flag!), ...v5Flags.filter((flag) => values[flag] !== undefined)];
  if (protocol !== '5' && usedV5.length > 0) throw new UsageError(`--${usedV5[0]} is an MQTT 5 property: add --protocol 5`);
  const willTopicGiven = flags['will-topic'] !== undefined;
  const willDetail = given.find((option) => isWill(option) && option.field !== 'willTopic');
  if (willDetail && !willTopicGiven) throw new UsageError(`--${willDetail.flag} needs --will-topic`);
  const tlsFlag = given.find(isTls) ?? (values.alpn ? { flag: 'alpn' } : undefined);
  if (tlsFlag && !secure) throw new UsageError(`--${tlsFlag.flag} needs an mqtts:// or wss:// URL`);
  if (values['request-problem-info'] !== undefined && !['0', '1'].includes(values['request-problem-info'])) throw new UsageError('--request-problem-info must be 0 or 1');

  const candidate: Record<string, unknown> = {
    host: url.host,
    port: url.port,
    protocolVersion: protocol,
    clientId: url.clientId ?? `mqttscope-${Math.random().toString(36).slice(2, 10)}`,
    keepAlive: initialOf('keepAlive'),
    username: url.username || undefined,
    password: (url.password || undefined) ?? (values['password-file'] !== undefined ? firstLine(readFlagFile(values['password-file'], '--password-file')) : undefined) ?? env[PASSWORD_ENV],
    // Made here, filled by the table: the will by its topic, TLS and WebSocket by the URL.
    will: willTopicGiven ? {} : undefined,
    tls: secure ? { alpn: values.alpn } : undefined,
    websocket: websocket ? { path: url.wsPath! } : undefined,
    properties: defined({
      requestProblemInformation: values['request-problem-info'] === undefined ? undefined : values['request-problem-info'] === '1',
      userProperties: values['user-property']?.map((pair) => {
        const equals = pair.indexOf('=');
        if (equals <= 0) throw new UsageError(`--user-property ${pair}: write KEY=VALUE`);
        return [pair.slice(0, equals), pair.slice(equals + 1)] as [string, string];
      }),
      authenticationData: values['auth-data'],
    }),
    plan: {
      subscriptions: (values.subscribe ?? []).map((spec) => {
        const at = spec.lastIndexOf(':');
        return at > 0 && /^\d$/.test(spec.slice(at + 1)) ? { topic: spec.slice(0, at), qos: qosOf(spec.slice(at + 1), `--subscribe ${spec}`) } : { topic: spec, qos: 0 as const };
      }),
      publications: (values.publish ?? []).map((spec) => {
        const equals = spec.indexOf('=');
        if (equals <= 0) throw new UsageError(`--publish ${spec}: write TOPIC=PAYLOAD[:QOS]`);
        const rest = spec.slice(equals + 1);
        const qosMatch = /:([0-2])$/.exec(rest);
        return { topic: spec.slice(0, equals), payload: qosMatch ? rest.slice(0, -2) : rest, qos: qosMatch ? qosOf(qosMatch[1], '--publish') : 0 as const };
      }),
      unsubscriptions: values.unsubscribe,
      ...(values.raw ? { rawConnectHex: values.raw.replace(/\s+/g, '') } : {}),
    },
  };
  // Each option of the table placed by its row: from its flag, or its unset value when every
  // connection sends it; the schema checks the ranges.
  for (const option of ROWS) {
    const flagged = option.flag === undefined ? undefined : flags[option.flag];
    if (flagged !== undefined) placeAt(candidate, option.path, valueOfFlag(option, flagged as string | boolean));
    else if (option.always && valueAt(candidate, option.path) === undefined) placeAt(candidate, option.path, unsetValue(option));
  }
  // Checked as the engine checks connection.open and connection.close (its id comes later).
  const options = requestFromFlags('connection.open', JSON.parse(JSON.stringify(candidate)));
  const abort = values.abort ?? false;
  const { reasonCode: disconnectReason } = checkedFlags(
    requestSchemas['connection.close'].omit({ connectionId: true }),
    { mode: abort ? 'abort' : 'disconnect', reasonCode: num(values['disconnect-reason']) },
    { reasonCode: '--disconnect-reason must be a number from 0 to 255' },
  );
  return { options, json: values.json ?? false, holdSeconds: hold, abort, disconnectReason, ...(values.save !== undefined ? { save: values.save } : {}) };
}
