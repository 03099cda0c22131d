// Where an Electron binary is, if one is here — found without ever downloading one (requiring
// the electron package would start a download): ELECTRON_OVERRIDE_DIST_PATH, as the electron
// package itself honours it, else the binary an earlier `npm install` fetched. Without one, the
// answer says where it looked, for a reader to check.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const EXECUTABLES: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
  darwin: 'Electron.app/Contents/MacOS/Electron',
};

export type ElectronBinary = { binary: string } | { missing: string };

export function findElectronBinary(projectDir: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): ElectronBinary {
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const executable = EXECUTABLES[platform];
  if (!executable) return { missing: `Electron has no binary for ${platform}` };
  if (override) {
    const binary = path.join(override, executable);
    return existsSync(binary) ? { binary } : { missing: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${binary} does not exist` };
  }
  const electronDir = path.join(projectDir, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `ELECTRON_OVERRIDE_DIST_PATH is not set and ${pathFile} does not exist (npm install did not fetch the Electron binary; it cannot be downloaded on this machine)` };
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { binary } : { missing: `${pathFile} names ${binary}, which does not exist` };
}
