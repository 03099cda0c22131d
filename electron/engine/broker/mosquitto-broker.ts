// mosquitto as the local broker, for MQTT 5: started on a free loopback port and reached through
// the recording proxy, so its traffic is traced like everything else. Its sessions are its
// own; the sessions view is the embedded broker's only.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { freeLoopbackPort } from '../free-port';
import { startRecordingProxy } from '../proxy/recording-proxy';
import type { TraceSink } from '../trace/tap';
import type { BrokerUser } from './users';

const run = promisify(execFile);
const READY_TIMEOUT_MS = 10_000;

export interface MosquittoBrokerOptions {
  host?: string;
  port?: number;
  users?: BrokerUser[];
  allowAnonymous?: boolean;
  /** Where its configuration and password file are written. */
  dir: string;
  sink: TraceSink;
}

export interface RunningMosquitto {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** The mosquitto program on this machine, or undefined. */
export function findMosquitto(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((dir) => path.join(dir, 'mosquitto')).find((file) => existsSync(file));
}

export async function startMosquittoBroker(options: MosquittoBrokerOptions): Promise<RunningMosquitto> {
  const program = findMosquitto();
  if (!program) throw new Error('mosquitto is not installed on this machine (Debian: apt-get install mosquitto)');
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const innerPort = await freeLoopbackPort();
  const lines = [`listener ${innerPort} 127.0.0.1`, 'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice', 'log_type information'];
  if (process.getuid?.() === 0) lines.push('user root');
  const users = options.users ?? [];
  if (users.length > 0) {
    const passwordFile = path.join(options.dir, 'passwords');
    writeFileSync(passwordFile, '', { mode: 0o600 });
    for (const user of users) await run('mosquitto_passwd', ['-b', passwordFile, user.username, user.password]);
    lines.push(`password_file ${passwordFile}`);
  }
  lines.push(`allow_anonymous ${options.allowAnonymous ?? users.length === 0}`);
  const config = path.join(options.dir, 'mosquitto.conf');
  writeFileSync(config, `${lines.join('\n')}\n`, { mode: 0o600 });

  const child = spawn(program, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`mosquitto did not start within ${READY_TIMEOUT_MS / 1000} s:\n${log}`)), READY_TIMEOUT_MS);
    child.stderr.on('data', (chunk) => {
      log += chunk;
      if (/mosquitto version .* running/.test(log)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`mosquitto exited with ${code}:\n${log}`));
    });
  });
  child.stderr.resume();

  let proxy;
  try {
    proxy = await startRecordingProxy({ listenHost: options.host ?? '127.0.0.1', listenPort: options.port ?? 0, targetHost: '127.0.0.1', targetPort: innerPort, sink: options.sink });
  } catch (error) {
    child.kill();
    throw error;
  }
  return {
    host: proxy.host,
    port: proxy.port,
    close: async () => {
      await proxy.close();
      await new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      });
    },
  };
}
