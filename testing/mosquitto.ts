// A real mosquitto broker for tests: on a free loopback port, with an optional password file
// (then anonymous clients are refused) and TLS.
import { startMosquittoProcess } from '../electron/engine/broker/mosquitto-process';

export interface Mosquitto {
  host: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface MosquittoOptions {
  /** Serve TLS with this certificate and key. */
  tls?: { certFile: string; keyFile: string };
  /** Messages held for a slow client before mosquitto drops more (its default: 1,000). */
  maxQueuedMessages?: number;
}

export async function startMosquitto(dir: string, users: { username: string; password: string }[] = [], options: MosquittoOptions = {}): Promise<Mosquitto> {
  const mosquitto = await startMosquittoProcess({ dir, users, tls: options.tls, maxQueuedMessages: options.maxQueuedMessages });
  return { host: '127.0.0.1', ...mosquitto };
}
