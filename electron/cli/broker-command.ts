// `mqttscope broker`: the embedded broker as a program. Prints where it listens, then every
// client connection's trace and what the broker did on its own (refusals, wills, timeouts).
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ConnectionDecoder } from '@shared/mqtt';
import { describeAclErrors, parseAcl, type Acl } from '@shared/model/acl';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, describeAclDecision, describePacketTooLarge, type BrokerEvent } from '@shared/model/broker';
import { startAedesBroker, type BrokerUser } from '../engine/broker/aedes-broker';
import { resolveDataDir } from '../engine/data-dir';
import { UsageError } from './usage-error';
import { readFlagFile } from './flag-file';
import { userLines, USERS_ENV } from './secret-input';
import { jsonLine, textLine } from './trace-lines';
import { TraceFileWriter } from '../engine/trace-store/trace-file-writer';
import { savedOrFailed } from './save-flag';
import { DEFAULT_MAX_PACKET_SIZE } from '../engine/limits';
import { CONNECT_TIMEOUT_RANGE, MAX_PACKET_BYTES as MAX_PACKET_SIZE_LIMIT, portProblem } from '@shared/limits';

export const BROKER_USAGE = `mqttscope broker [--host H] [--port P] [--user NAME:PASS]… [--users-file FILE] [--no-anonymous] [--connect-timeout S] [--max-packet-size BYTES] [--websocket-port P] [--persist] [--acl FILE] [--save FILE] [--json]
  --host H                     address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)
  --port P                     port (default 1883; 0 picks a free one)
  --user NAME:PASS             a user (repeatable); passwords are kept only as hashes
  --users-file FILE            users from a file, one NAME:PASS a line (# comments); or from
                               the MQTTSCOPE_BROKER_USERS environment variable, the same way
                               (a flag's value is visible to every user in ps)
  --no-anonymous               refuse clients without a user name (return code 5)
  --connect-timeout S          close sockets that send no CONNECT within S seconds (0.1 to 3600;
                               default ${DEFAULT_CONNECT_TIMEOUT_SECONDS})
  --max-packet-size BYTES      close a connection whose packet announces more (default
                               ${DEFAULT_MAX_PACKET_SIZE}, 16 MiB; mosquitto's is 256 MiB)
  --websocket-port P           also serve MQTT over WebSocket on this port, at /mqtt
  --persist                    keep sessions, queued and retained messages across restarts
                               (in the data folder's broker/ folder)
  --acl FILE                   access control in mosquitto's acl_file format (topic, user,
                               pattern with %c and %u); a refused SUBSCRIBE gets 0x80, a
                               refused PUBLISH is acknowledged and dropped
  --save FILE                  write every client connection's trace to FILE (mqttscope open)
  --json                       JSON lines instead of text
  The embedded broker speaks MQTT 3.1 and 3.1.1; an MQTT 5 client is refused with return code 1.`;

function describeEvent(event: BrokerEvent): string {
  switch (event.type) {
    case 'client-connected': return `client "${event.clientId}" connected (clean session ${event.clean ? 1 : 0})`;
    case 'client-disconnected': return `client "${event.clientId}" disconnected`;
    case 'refused': return `refused with return code ${event.returnCode}${event.throttled ? ' (throttled)' : ''}: ${event.reason}`;
    case 'connect-timeout': return `closed a connection that sent no CONNECT within ${event.seconds} s`;
    case 'packet-too-large': return describePacketTooLarge(event);
    case 'journal-line-skipped': return `journal line ${event.line}: ${event.message}`;
    case 'keepalive-timeout': return `client "${event.clientId}" was silent past 1.5 × its keep alive`;
    case 'will-published': return `published the will of "${event.clientId}" on "${event.topic}" (${event.reason})`;
    case 'session-taken-over': return `a new connection took over the session of "${event.clientId}"`;
    case 'acl': return describeAclDecision(event);
    case 'sessions-changed': return 'sessions changed';
  }
}

export async function runBroker(args: string[], out: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        user: { type: 'string', multiple: true },
        'users-file': { type: 'string' },
        'no-anonymous': { type: 'boolean' },
        'connect-timeout': { type: 'string' },
        'max-packet-size': { type: 'string' },
        persist: { type: 'boolean' },
        'websocket-port': { type: 'string' },
        json: { type: 'boolean' },
        save: { type: 'string' },
        acl: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const port = values.port === undefined ? 1883 : Number(values.port);
  const portWrong = portProblem(port, '--port', true);
  if (portWrong) throw new UsageError(`${portWrong}, not "${values.port}"`);
  const timeout = values['connect-timeout'] === undefined ? DEFAULT_CONNECT_TIMEOUT_SECONDS : Number(values['connect-timeout']);
  const { min, max } = CONNECT_TIMEOUT_RANGE;
  if (!(timeout >= min && timeout <= max)) throw new UsageError(`--connect-timeout must be a number of seconds from ${min} to ${max}, not "${values['connect-timeout']}"`);
  const maxPacketSize = values['max-packet-size'] === undefined ? undefined : Number(values['max-packet-size']);
  if (maxPacketSize !== undefined && !(Number.isInteger(maxPacketSize) && maxPacketSize >= 2 && maxPacketSize <= MAX_PACKET_SIZE_LIMIT)) {
    throw new UsageError(`--max-packet-size must be a whole number of bytes from 2 to ${MAX_PACKET_SIZE_LIMIT}, not "${values['max-packet-size']}"`);
  }
  const websocketPort = values['websocket-port'] === undefined ? undefined : Number(values['websocket-port']);
  const websocketPortWrong = websocketPort === undefined ? undefined : portProblem(websocketPort, '--websocket-port', true);
  if (websocketPortWrong) {
    throw new UsageError(`${websocketPortWrong}, not "${values['websocket-port']}"`);
  }
  const userSpecs = [
    ...(values.user ?? []),
    ...(values['users-file'] !== undefined ? userLines(readFlagFile(values['users-file'], '--users-file')) : []),
    ...userLines(env[USERS_ENV] ?? ''),
  ];
  const users: BrokerUser[] = userSpecs.map((spec, index) => {
    const colon = spec.indexOf(':');
    // Not repeated in the message: the text may be a password.
    if (colon <= 0) throw new UsageError(`user ${index + 1} is not written NAME:PASSWORD`);
    return { username: spec.slice(0, colon), password: spec.slice(colon + 1) };
  });

  let acl: Acl | undefined;
  if (values.acl !== undefined) {
    const parsed = parseAcl(readFlagFile(values.acl, '--acl'));
    if (!parsed.ok) throw new UsageError(`--acl ${values.acl} does not read:\n${describeAclErrors(parsed.errors)}`);
    acl = parsed.acl;
  }

  const sessions = new Map<string, { tag: number; start: number; decoder: ConnectionDecoder }>();
  const saving = values.save === undefined ? undefined : new TraceFileWriter(values.save, 'broker');
  let next = 1;
  const startedAt = performance.timeOrigin + performance.now();
  const broker = await startAedesBroker({
    host: values.host ?? '127.0.0.1',
    port,
    users,
    allowAnonymous: !values['no-anonymous'],
    connectTimeoutSeconds: timeout,
    ...(maxPacketSize !== undefined ? { maxPacketSize } : {}),
    ...(acl !== undefined ? { acl } : {}),
    ...(values.persist ? { persistDir: path.join(resolveDataDir(), 'broker') } : {}),
    ...(websocketPort !== undefined ? { websocket: { port: websocketPort, path: '/mqtt' } } : {}),
    onChunk: saving ? (id, dir, chunk, time) => saving.chunk(id, dir, chunk, time) : undefined,
    sink: (entry) => {
      saving?.entry(entry);
      let session = sessions.get(entry.connectionId);
      if (!session) {
        session = { tag: next++, start: entry.time, decoder: new ConnectionDecoder() };
        sessions.set(entry.connectionId, session);
      }
      out(values.json ? jsonLine(entry, session.start, session.decoder, { connection: entry.connectionId }) : `#${session.tag} ${textLine(entry, session.start, session.decoder)}`);
      if (entry.kind === 'lifecycle' && entry.event.phase === 'closed') sessions.delete(entry.connectionId);
    },
    onEvent: (event) => {
      if (event.type === 'sessions-changed' && !values.json) return;
      const tag = 'connectionId' in event ? sessions.get(event.connectionId)?.tag : undefined;
      const { time, ...rest } = event;
      out(values.json ? JSON.stringify({ time: Math.round((time - startedAt) * 1000) / 1000, event: 'broker', ...rest }) : `${tag ? `#${tag} ` : ''}BROKER ${describeEvent(event)}`);
    },
  });
  const websocket = broker.websocketPort === undefined ? '' : ` and ws://${broker.host}:${broker.websocketPort}/mqtt`;
  out(values.json ? JSON.stringify({ event: 'listening', host: broker.host, port: broker.port, websocketPort: broker.websocketPort }) : `MQTT Scope broker on mqtt://${broker.host}:${broker.port}${websocket} (MQTT 3.1 and 3.1.1; Ctrl-C stops it)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await broker.close();
  return savedOrFailed(saving, values.save);
}
