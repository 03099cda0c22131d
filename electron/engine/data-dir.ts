// Where the app keeps its data: MQTTSCOPE_DATA_DIR when set, else the platform's usual place.
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const DATA_DIR_VARIABLE = 'MQTTSCOPE_DATA_DIR';

export function resolveDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env[DATA_DIR_VARIABLE];
  if (override) return path.resolve(override);
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'MQTT Scope');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'MQTT Scope');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'mqtt-scope');
}

/** Creates the data folder (owner-only where the platform has modes) and returns it. */
export function ensureDataDir(dir: string): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
