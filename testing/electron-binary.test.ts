// Finding an Electron binary without downloading one: where it is, or where it was looked for.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from './electron-binary';

describe('findElectronBinary', () => {
  const project = () => mkdtempSync(path.join(tmpdir(), 'mqttscope-electron-binary-'));

  it('takes ELECTRON_OVERRIDE_DIST_PATH first, and says when it holds no binary', () => {
    const dist = project();
    expect(findElectronBinary(project(), { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux')).toEqual({ missing: `ELECTRON_OVERRIDE_DIST_PATH is set, but ${path.join(dist, 'electron')} does not exist` });
    writeFileSync(path.join(dist, 'electron'), '');
    chmodSync(path.join(dist, 'electron'), 0o755);
    expect(findElectronBinary(project(), { ELECTRON_OVERRIDE_DIST_PATH: dist }, 'linux')).toEqual({ binary: path.join(dist, 'electron') });
  });

  it('else reads the binary npm install fetched, and says which file was missing', () => {
    const dir = project();
    const pathFile = path.join(dir, 'node_modules', 'electron', 'path.txt');
    expect(findElectronBinary(dir, {}, 'linux')).toEqual({ missing: expect.stringContaining(`${pathFile} does not exist`) });
    mkdirSync(path.join(dir, 'node_modules', 'electron', 'dist'), { recursive: true });
    writeFileSync(pathFile, 'electron\n');
    expect(findElectronBinary(dir, {}, 'linux')).toEqual({ missing: `${pathFile} names ${path.join(dir, 'node_modules', 'electron', 'dist', 'electron')}, which does not exist` });
    writeFileSync(path.join(dir, 'node_modules', 'electron', 'dist', 'electron'), '');
    expect(findElectronBinary(dir, {}, 'linux')).toEqual({ binary: path.join(dir, 'node_modules', 'electron', 'dist', 'electron') });
  });
});
