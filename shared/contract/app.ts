// The contract's requests about the app itself: what it is, its settings, what runs locally.
import { z } from 'zod';
import type { RunningBrokerInfo } from './broker';
import type { RunningProxyInfo } from './proxy';

export const appRequests = {
  'app.info': z.object({}).strict(),
  /** What closing the app does to its open connections: read it, or set it. */
  'app.settings': z.object({ onQuit: z.enum(['disconnect', 'drop']).optional() }).strict(),
  /** What runs locally: the broker and the recording proxy, if started. */
  'local.status': z.object({}).strict(),
} as const;

export interface AppInfo {
  version: string;
  host: 'electron' | 'web';
  dataDir: string;
  /** True when saved secrets are encrypted by the OS keychain (Electron's safeStorage). */
  secretsEncrypted: boolean;
  /** When they are not: why, in words for the person. */
  secretsNote?: string;
}

export interface AppResults {
  'app.info': AppInfo;
  'app.settings': { onQuit: 'disconnect' | 'drop' };
  'local.status': { broker?: RunningBrokerInfo; proxy?: RunningProxyInfo };
}
