// Where an Electron binary is, if one is here — found without ever downloading one (requiring
// the electron package would start a download): ELECTRON_OVERRIDE_DIST_PATH, as the electron
// package itself honours it, else the binary an earlier `npm install` fetched.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const EXECUTABLES: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};

export function findElectronBinary(projectDir: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = EXECUTABLES[platform];
  if (override) return executable && existsSync(path.join(override, executable)) ? path.join(override, executable) : undefined;
  const electronDir = path.join(projectDir, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}
