// `mqttscope connect URL [options]` read into the engine's connection options, checked by the
// same schema the UI's form and the engine use.
import { parseArgs } from 'node:util';
import { parseBrokerUrl } from '@shared/model/broker-url';
import { NUMBER_OPTIONS, numberFlagUsage, placeAt, type NumberOption } from '@shared/model/connect-fields';
import { connectOptionsSchema, type ConnectOptions } from '@shared/model/connect-options';
import { readFlagFile } from './flag-file';
import { firstLine, PASSWORD_ENV } from './secret-input';
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
}

export const CONNECT_USAGE = `mqttscope connect URL [options]    URL: mqtt://[user[:password]@]host[:port][?clientId=ID] (or tcp://),
                               mqtts:// (or ssl://, tls://), ws://host:port[/path] (/mqtt if none), wss://…
  --protocol 3.1|3.1.1|5       MQTT version (default 3.1.1)
  --client-id ID               client id (default mqttscope-<random>; --client-id "" for empty)
  --clean | --no-clean         clean session / clean start (default --clean)
${numberFlagUsage((option) => option.field === 'keepAlive')}
  --username U --password P    credentials (or in the URL); the password may also come from
  --password-file FILE         its first line, or from the MQTTSCOPE_PASSWORD environment variable
                               (a flag's value is visible to every user in ps)
  --will-topic T --will-payload P --will-qos N --will-retain
                               the will message
  --subscribe TOPIC[:QOS]      subscribe after the CONNACK (repeatable)
  --unsubscribe TOPIC          unsubscribe after the publications (repeatable)
  --publish TOPIC=PAYLOAD[:QOS]
                               publish after the CONNACK (repeatable)
  --hold S                     stay connected S seconds before disconnecting (default 0)
  --abort                      end without DISCONNECT, as a crash would (the will fires)
  --disconnect-reason CODE     MQTT 5 DISCONNECT reason code (e.g. 4: publish the will anyway)
  --raw HEX                    send these bytes instead of the CONNECT
${numberFlagUsage((option) => !option.v5 && option.field !== 'keepAlive')}
  --no-pings                   never send PINGREQ (see the broker's keep-alive timeout)
  MQTT 5 properties:
${numberFlagUsage((option) => option.v5 === true)}
  --request-response-info --request-problem-info 0|1 --user-property KEY=VALUE (repeatable)
  --auth-method M --auth-data HEX
  --ca FILE --cert FILE --key FILE --passphrase P
                               TLS: the CA to trust, a client certificate and its key
  --insecure                   TLS without checking the broker's certificate
  --servername NAME            TLS server name to send (SNI) and check (default: the host)
  --alpn PROTOCOL              TLS ALPN protocol to offer (repeatable)
  --json                       JSON lines, one event per line, instead of text`;

export { UsageError };

/** The number options' flags, from the table. */
const NUMBER_FLAGS = Object.fromEntries(
  (NUMBER_OPTIONS as readonly NumberOption[]).filter((option) => option.flag).map((option) => [option.flag!, { type: 'string' as const }]),
);


function qosOf(text: string | undefined, what: string): 0 | 1 | 2 {
  if (text === undefined || text === '') return 0;
  if (!['0', '1', '2'].includes(text)) throw new UsageError(`${what}: QoS must be 0, 1 or 2, not "${text}"`);
  return Number(text) as 0 | 1 | 2;
}

function readPem(file: string | undefined, flag: string): string | undefined {
  return file === undefined ? undefined : readFlagFile(file, flag);
}

export function parseConnectCommand(args: string[], env: NodeJS.ProcessEnv = process.env): ConnectCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        protocol: { type: 'string' },
        ...NUMBER_FLAGS,
        'client-id': { type: 'string' },
        clean: { type: 'boolean' },
        'no-clean': { type: 'boolean' },
        username: { type: 'string' },
        password: { type: 'string' },
        'password-file': { type: 'string' },
        'will-topic': { type: 'string' },
        'will-payload': { type: 'string' },
        'will-qos': { type: 'string' },
        'will-retain': { type: 'boolean' },
        subscribe: { type: 'string', multiple: true },
        unsubscribe: { type: 'string', multiple: true },
        'disconnect-reason': { type: 'string' },
        'no-pings': { type: 'boolean' },
        'request-response-info': { type: 'boolean' },
        'request-problem-info': { type: 'string' },
        'user-property': { type: 'string', multiple: true },
        'auth-method': { type: 'string' },
        'auth-data': { type: 'string' },
        publish: { type: 'string', multiple: true },
        hold: { type: 'string' },
        abort: { type: 'boolean' },
        raw: { type: 'string' },
        ca: { type: 'string' },
        cert: { type: 'string' },
        key: { type: 'string' },
        passphrase: { type: 'string' },
        insecure: { type: 'boolean' },
        servername: { type: 'string' },
        alpn: { type: 'string', multiple: true },
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
  if (values['will-payload'] !== undefined && values['will-topic'] === undefined) throw new UsageError('--will-payload needs --will-topic');

  // Numbers are checked by the schema below; here text only becomes a number.
  const num = (text: string | undefined) => (text === undefined ? undefined : /^\d+$/.test(text) ? Number(text) : Number.NaN);
  const protocol = values.protocol ?? '3.1.1';
  const numberFlags = values as Record<string, string | undefined>;
  const v5Numbers = (NUMBER_OPTIONS as readonly NumberOption[]).filter((option) => option.v5 && option.flag && numberFlags[option.flag] !== undefined);
  const v5Flags = ['request-response-info', 'request-problem-info', 'user-property', 'auth-method', 'auth-data'] as const;
  const usedV5 = [...v5Numbers.map((option) => option.flag!), ...v5Flags.filter((flag) => values[flag] !== undefined)];
  if (protocol !== '5' && usedV5.length > 0) throw new UsageError(`--${usedV5[0]} is an MQTT 5 property: add --protocol 5`);
  if (values['request-problem-info'] !== undefined && !['0', '1'].includes(values['request-problem-info'])) throw new UsageError('--request-problem-info must be 0 or 1');
  const properties = {
    requestResponseInformation: values['request-response-info'],
    requestProblemInformation: values['request-problem-info'] === undefined ? undefined : values['request-problem-info'] === '1',
    userProperties: values['user-property']?.map((pair) => {
      const equals = pair.indexOf('=');
      if (equals <= 0) throw new UsageError(`--user-property ${pair}: write KEY=VALUE`);
      return [pair.slice(0, equals), pair.slice(equals + 1)] as [string, string];
    }),
    authenticationMethod: values['auth-method'],
    authenticationData: values['auth-data'],
  };
  const candidate: Record<string, unknown> = {
    host: url.host,
    port: url.port,
    protocolVersion: protocol,
    clientId: values['client-id'] ?? url.clientId ?? `mqttscope-${Math.random().toString(36).slice(2, 10)}`,
    clean: values['no-clean'] ? false : (values.clean ?? true),
    keepAlive: 60,
    username: values.username ?? (url.username || undefined),
    password: values.password ?? (url.password || undefined) ?? (values['password-file'] !== undefined ? firstLine(readFlagFile(values['password-file'], '--password-file')) : undefined) ?? env[PASSWORD_ENV],
    will: values['will-topic'] === undefined
      ? undefined
      : {
          topic: values['will-topic'],
          payload: values['will-payload'] ?? '',
          qos: qosOf(values['will-qos'], '--will-qos'),
          retain: values['will-retain'] ?? false,
        },
    ...(v5Flags.some((flag) => values[flag] !== undefined) ? { properties } : {}),
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
      noPings: values['no-pings'],
      ...(values.raw ? { rawConnectHex: values.raw.replace(/\s+/g, '') } : {}),
    },
    tls: secure
      ? {
          caPem: readPem(values.ca, '--ca'),
          certPem: readPem(values.cert, '--cert'),
          keyPem: readPem(values.key, '--key'),
          passphrase: values.passphrase,
          verify: !values.insecure,
          serverName: values.servername,
          alpn: values.alpn,
        }
      : undefined,
    websocket: websocket ? { path: url.wsPath! } : undefined,
  };
  // The numbers, each placed by its row of the table; the schema checks their ranges.
  for (const option of NUMBER_OPTIONS as readonly NumberOption[]) {
    const text = option.flag === undefined ? undefined : numberFlags[option.flag];
    if (text === undefined) continue;
    if (option.path[0] === 'will' && values['will-topic'] === undefined) throw new UsageError(`--${option.flag} needs --will-topic`);
    placeAt(candidate, option.path, num(text));
  }
  if (!secure && (values.ca || values.cert || values.key || values.insecure || values.servername || values.alpn)) throw new UsageError('--ca, --cert, --key, --insecure, --servername and --alpn need an mqtts:// or wss:// URL');
  const checked = connectOptionsSchema.safeParse(candidate);
  if (!checked.success) {
    throw new UsageError(checked.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`).join('; '));
  }
  const disconnectReason = num(values['disconnect-reason']);
  if (disconnectReason !== undefined && !(disconnectReason >= 0 && disconnectReason <= 255)) throw new UsageError('--disconnect-reason must be a number from 0 to 255');
  return { options: checked.data, json: values.json ?? false, holdSeconds: hold, abort: values.abort ?? false, disconnectReason };
}
