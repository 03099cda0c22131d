// A mosquitto broker process of our own: a configuration written to a folder, a free loopback
// port, started and stopped. The local broker puts the recording proxy in front of it; the
// tests use it as a real peer.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { freeLoopbackPort } from '../free-port';
import type { BrokerUser } from './users';

const READY_TIMEOUT_MS = 10_000;

export interface MosquittoProcessOptions {
  /** Where its configuration and password file are written. */
  dir: string;
  users?: BrokerUser[];
  /** Anonymous clients are let in when no user list is given, unless this says otherwise. */
  allowAnonymous?: boolean;
  /** Serve TLS with this certificate and key. */
  tls?: { certFile: string; keyFile: string };
  /** Access control: the text of an acl_file. */
  acl?: string;
  /** QoS 1 and 2 messages held for one slow client before mosquitto drops more (its default: 1,000). */
  maxQueuedMessages?: number;
}

export interface MosquittoProcess {
  port: number;
  /** Its process id (a benchmark reads its CPU time). */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Adds a user to a mosquitto password file. The password goes in on standard input, never on the
 * command line, where `ps` shows it and a failure's message would repeat it.
 */
function addUser(passwordFile: string, user: BrokerUser): Promise<void> {
  if (/[\r\n]/.test(user.password)) return Promise.reject(new Error(`The password of ${user.username} has a line break, which mosquitto_passwd cannot take`));
  return new Promise((resolve, reject) => {
    const child = spawn('mosquitto_passwd', [passwordFile, user.username], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', (error) => reject(new Error(`mosquitto_passwd could not run: ${error.message}`)));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`mosquitto_passwd could not add the user ${user.username} (exit ${code}): ${errors.trim().replaceAll(user.password, '••••')}`))));
    // A user it refuses makes it exit before it reads: the write then fails with EPIPE, which
    // would be thrown as an uncaught error; the exit code already says what went wrong.
    child.stdin.on('error', () => {});
    child.stdin.end(`${user.password}\n${user.password}\n`);
  });
}

/** The mosquitto program on this machine, or undefined. */
export function findMosquitto(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin'];
  return dirs.map((dir) => path.join(dir, 'mosquitto')).find((file) => existsSync(file));
}

export async function startMosquittoProcess(options: MosquittoProcessOptions): Promise<MosquittoProcess> {
  const program = findMosquitto();
  if (!program) throw new Error('mosquitto is not installed on this machine (Debian: apt-get install mosquitto)');
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const port = await freeLoopbackPort();
  const lines = [`listener ${port} 127.0.0.1`, 'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice', 'log_type information'];
  // As root, mosquitto would switch to its own user and lose access to our folder.
  if (process.getuid?.() === 0) lines.push('user root');
  if (options.tls) lines.push(`certfile ${options.tls.certFile}`, `keyfile ${options.tls.keyFile}`);
  if (options.maxQueuedMessages !== undefined) lines.push(`max_queued_messages ${options.maxQueuedMessages}`);
  const users = options.users ?? [];
  if (users.length > 0) {
    const passwordFile = path.join(options.dir, 'passwords');
    writeFileSync(passwordFile, '', { mode: 0o600 });
    for (const user of users) await addUser(passwordFile, user);
    lines.push(`password_file ${passwordFile}`);
  }
  lines.push(`allow_anonymous ${options.allowAnonymous ?? users.length === 0}`);
  if (options.acl !== undefined) {
    const aclFile = path.join(options.dir, 'acl');
    writeFileSync(aclFile, options.acl, { mode: 0o600 });
    lines.push(`acl_file ${aclFile}`);
  }
  const config = path.join(options.dir, 'mosquitto.conf');
  writeFileSync(config, `${lines.join('\n')}\n`, { mode: 0o600 });

  const child = spawn(program, ['-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`mosquitto did not start within ${READY_TIMEOUT_MS / 1000} s:\n${log}`));
    }, READY_TIMEOUT_MS);
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
  return {
    port,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
