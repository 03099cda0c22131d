// `mqttscope lab [NAME|all] [--broker URL] [--user U --password P] [--json] [--report FILE]`:
// the handshake lab against the local broker (started for the run) or any broker named: the
// engine's lab.run (and broker.start, lab.report), its flags checked by their schemas.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { RequestParams } from '@shared/contract';
import { parseBrokerUrl } from '@shared/model/broker-url';
import type { LabProgress, LabResult } from '@shared/model/lab';
import { resolveDataDir } from '../engine/data-dir';
import { BrokerFeature } from '../engine/features/broker';
import type { EventSink } from '../engine/features/handlers';
import { LabFeature } from '../engine/features/lab';
import { EXPERIMENTS } from '../engine/lab/experiments';
import { verdictLine } from '../engine/lab/report';
import { experimentsNamed } from '../engine/lab/run-lab';
import { TLS_FLAGS, tlsFromFlags } from './connect-options';
import { requestFromFlags } from './request-params';
import { PASSWORD_ENV } from './secret-input';
import { UsageError } from './usage-error';

export const LAB_USAGE = `mqttscope lab [NAME|all] [--broker URL] [--user U --password P] [--json] [--report FILE]
                               run the handshake lab: each experiment's expectation (with its
                               clause), what the broker did, and a verdict; exit 0 when none failed
  --broker URL                 the broker to test: mqtt://, mqtts://, ws:// or wss:// (default:
                               the embedded local broker, started for the run as the app's Broker
                               panel starts it, with a user of the lab's own unless --user)
  --ca, --cert, --key, --passphrase, --servername, --insecure
                               TLS for an mqtts:// or wss:// broker, as for mqttscope connect
  --user U --password P        credentials the broker takes (the password also from
                               ${PASSWORD_ENV})
  --report FILE                write a Markdown conformance report with the evidence packets
  --json                       one JSON line per experiment
  experiments: ${EXPERIMENTS.map((experiment) => experiment.name).join(', ')}`;

export async function runLabCommand(args: string[], out: (line: string) => void, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { broker: { type: 'string' }, user: { type: 'string' }, password: { type: 'string' }, json: { type: 'boolean' }, report: { type: 'string' }, ...TLS_FLAGS } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  try {
    experimentsNamed(positionals);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const password = values.password ?? env[PASSWORD_ENV];
  let broker: unknown;
  // Started as the Broker panel's Start starts it (with --user, as with a user in its Users), and
  // tested as the UI's lab tests it: the same broker, the same verdicts.
  let localStart: RequestParams<'broker.start'> | undefined;
  if (values.broker !== undefined) {
    const read = parseBrokerUrl(values.broker);
    if (!read.ok) throw new UsageError(read.message);
    const { transport, host, port, username, wsPath } = read.url;
    const tls = tlsFromFlags(values, transport === 'mqtts' || transport === 'wss');
    broker = {
      host,
      port,
      username: values.user ?? (username || undefined),
      password: password ?? (read.url.password || undefined),
      ...(tls ? { tls } : {}),
      ...(wsPath !== undefined ? { websocket: { path: wsPath } } : {}),
    };
  } else {
    const tlsFlag = Object.keys(TLS_FLAGS).find((flag) => (values as Record<string, unknown>)[flag] !== undefined);
    if (tlsFlag) throw new UsageError(`--${tlsFlag} needs an mqtts:// or wss:// --broker`);
    const user = values.user !== undefined || password !== undefined ? { username: values.user ?? 'mqttscope-lab', password: password ?? randomUUID() } : undefined;
    localStart = { kind: 'embedded', port: 0, ...(user ? { users: [user], allowAnonymous: false } : {}) };
  }
  const run = requestFromFlags('lab.run', { ...(positionals.length > 0 ? { names: positionals } : {}), ...(broker ? { broker } : {}) }, {
    names: (issue) => `the experiments: ${issue.message}`,
    // The broker's URL, user and TLS flags, said by the part of the target they made.
    broker: (issue) => `--broker ${values.broker}: ${issue.path.slice(1).join('.')}: ${issue.message}`,
  });
  const start = localStart && requestFromFlags('broker.start', localStart, { users: (issue) => `--user or --password: ${issue.message}` });

  // The engine's broker and lab features; the lab's connections are not recorded (nothing is saved).
  let heading = false;
  const emit: EventSink = (event, payload) => {
    if (event === 'lab.progress' && !heading && !values.json) {
      heading = true;
      out(`Handshake lab against ${(payload as LabProgress).broker}${values.broker === undefined ? ' (the embedded local broker)' : ''}`);
    }
    if (event !== 'lab.result') return;
    const result = payload as LabResult;
    if (values.json) out(JSON.stringify(result));
    else out(`\n${result.title} [${result.name}] — ${verdictLine(result)}\n  expected: ${result.expectation} ${result.clause}\n  observed: ${result.observation}`);
  };
  const brokerFeature = new BrokerFeature({ dataDir: resolveDataDir(), recorder: { sink: () => {}, onChunk: () => {} }, emit });
  const lab = new LabFeature({ recorder: { labSink: () => () => {}, onChunk: () => {} }, emit, localBroker: () => brokerFeature.local });
  try {
    if (start) await brokerFeature.handlers['broker.start'](start);
    const { results } = await lab.handlers['lab.run'](run);
    if (values.report) await writeFile(values.report, (await lab.handlers['lab.report']({})).markdown);
    const failed = results.filter((result) => result.verdict === 'fail').length;
    if (!values.json) out(`\n${results.length} experiments: ${results.filter((result) => result.verdict === 'pass').length} passed, ${failed} failed, ${results.filter((result) => result.verdict === 'not-run').length} not run.`);
    return failed === 0 ? 0 : 1;
  } finally {
    await brokerFeature.stop();
  }
}
