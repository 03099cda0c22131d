// `mqttscope lab [NAME|all] [--broker URL] [--user U --password P] [--json] [--report FILE]`:
// the handshake lab against the local broker (started for the run) or any broker named.
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parseBrokerUrl } from '@shared/model/broker-url';
import { labTargetName } from '@shared/model/lab';
import { startAedesBroker } from '../engine/broker/aedes-broker';
import { EXPERIMENTS } from '../engine/lab/experiments';
import { labReport, verdictLine } from '../engine/lab/report';
import { embeddedLabTarget } from '../engine/lab/embedded-target';
import { experimentsNamed, runLab } from '../engine/lab/run-lab';
import type { LabTarget } from '../engine/lab/lab-types';
import type { BrokerSession } from '@shared/model/broker';
import { TLS_FLAGS, tlsFromFlags } from './connect-options';
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
  let target: LabTarget;
  let stopBroker = async () => {};
  let brokerSessions: (() => Promise<BrokerSession[]>) | undefined;
  if (values.broker !== undefined) {
    const read = parseBrokerUrl(values.broker);
    if (!read.ok) throw new UsageError(read.message);
    const { transport, host, port, username, wsPath } = read.url;
    const tls = tlsFromFlags(values, transport === 'mqtts' || transport === 'wss');
    target = {
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
    // Started as the Broker panel's Start starts it (with --user, as with a user in its Users), and
    // tested as the UI's lab tests it: the same broker, the same verdicts.
    const user = values.user !== undefined || password !== undefined ? { username: values.user ?? 'mqttscope-lab', password: password ?? randomUUID() } : undefined;
    const broker = await startAedesBroker({ port: 0, ...(user ? { users: [user], allowAnonymous: false } : {}) });
    const embedded = await embeddedLabTarget(broker, user);
    stopBroker = () => broker.close();
    brokerSessions = embedded.brokerSessions;
    target = embedded.target;
  }
  if (!values.json) out(`Handshake lab against ${labTargetName(target)}${values.broker === undefined ? ' (the embedded local broker)' : ''}`);
  try {
    const results = await runLab({
      target,
      names: positionals,
      ...(brokerSessions ? { brokerSessions } : {}),
      onResult: (result) => {
        if (values.json) out(JSON.stringify(result));
        else out(`\n${result.title} [${result.name}] — ${verdictLine(result)}\n  expected: ${result.expectation} ${result.clause}\n  observed: ${result.observation}`);
      },
    });
    if (values.report) await writeFile(values.report, labReport(target, results));
    const failed = results.filter((result) => result.verdict === 'fail').length;
    if (!values.json) out(`\n${results.length} experiments: ${results.filter((result) => result.verdict === 'pass').length} passed, ${failed} failed, ${results.filter((result) => result.verdict === 'not-run').length} not run.`);
    return failed === 0 ? 0 : 1;
  } finally {
    await stopBroker();
  }
}
