// Runs electron-builder's unpacked (`dir`) target for Linux against a given Electron
// distribution folder, with no network: what `npm run dist` packs, short of the installers.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, Platform, type Configuration } from 'electron-builder';

export interface PackOptions {
  projectDir: string;
  /** The electron-builder configuration (electron-builder.json, or a variation of it). */
  config: Configuration;
  electronDist: string;
  outDir: string;
}

export interface Packed {
  appOutDir: string;
  asarPath: string;
}

export function installedElectronVersion(projectDir: string): string {
  return (JSON.parse(readFileSync(path.join(projectDir, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
}

export async function packUnpacked({ projectDir, config, electronDist, outDir }: PackOptions): Promise<Packed> {
  await build({
    projectDir,
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      ...config,
      electronDist,
      electronVersion: installedElectronVersion(projectDir),
      directories: { ...config.directories, output: outDir },
    },
  });
  const appOutDir = path.join(outDir, 'linux-unpacked');
  return { appOutDir, asarPath: path.join(appOutDir, 'resources', 'app.asar') };
}
