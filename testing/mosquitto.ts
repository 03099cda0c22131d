// A real mosquitto broker on a random loopback port, with an optional password file.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { freePort } from './free-port';
import { startProcess } from './processes';

export interface Mosquitto {
  host: string;
  port: number;
  stop(): Promise<void>;
}

export interface MosquittoOptions {
  /** Serve TLS with this certificate and key. */
  tls?: { certFile: string; keyFile: string };
}

export async function startMosquitto(dir: string, users: { username: string; password: string }[] = [], options: MosquittoOptions = {}): Promise<Mosquitto> {
  const port = await freePort();
  const lines = [`listener ${port} 127.0.0.1`, 'persistence false', 'log_dest stderr', 'log_type error', 'log_type warning', 'log_type notice', 'log_type information'];
  // As root, mosquitto would switch to its own user and lose access to this test's folder.
  if (process.getuid?.() === 0) lines.push('user root');
  if (options.tls) lines.push(`certfile ${options.tls.certFile}`, `keyfile ${options.tls.keyFile}`);
  if (users.length > 0) {
    const passwordFile = path.join(dir, 'passwords');
    writeFileSync(passwordFile, '', { mode: 0o600 });
    for (const user of users) execFileSync('mosquitto_passwd', ['-b', passwordFile, user.username, user.password]);
    lines.push('allow_anonymous false', `password_file ${passwordFile}`);
  } else {
    lines.push('allow_anonymous true');
  }
  const config = path.join(dir, 'mosquitto.conf');
  writeFileSync(config, `${lines.join('\n')}\n`);
  const started = await startProcess('mosquitto', ['-c', config], { ready: /mosquitto version .* running/ });
  return { host: '127.0.0.1', port, stop: started.stop };
}
