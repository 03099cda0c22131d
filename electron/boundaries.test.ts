// The architecture's boundaries, checked on the source: only the Electron entry points may
// import 'electron'; shared/ stays pure (no Node, no Electron); the renderer reaches the
// engine only through the contract.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const IMPORT = /(?:^|[^.\w])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^.\w])(?:require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/gm;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts|cts)$/.test(entry.name))
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** Every module a file imports, type-only imports included: a type import of electron still ties code to it. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(root, file), 'utf8');
  return [...text.matchAll(IMPORT)].map((match) => match[1] ?? match[2]);
}

const ELECTRON_ENTRY_POINTS = ['electron/main/main.ts', 'electron/preload/preload.ts'];

describe('module boundaries', () => {
  it('finds the import of electron in the entry points (the check can see imports)', () => {
    for (const file of ELECTRON_ENTRY_POINTS) expect(importsOf(file)).toContain('electron');
  });

  it("no module but the Electron entry points imports 'electron'", () => {
    const offenders = ['electron', 'shared', 'renderer', 'e2e', 'testing', 'bench']
      .flatMap(sourceFiles)
      .filter((file) => !ELECTRON_ENTRY_POINTS.includes(file))
      .filter((file) => importsOf(file).some((name) => name === 'electron' || name.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('shared/ production code imports no Node built-ins', () => {
    const offenders = sourceFiles('shared')
      .filter((file) => !file.endsWith('.test.ts'))
      .filter((file) => importsOf(file).some((name) => name.startsWith('node:') || ['fs', 'path', 'net', 'os', 'crypto'].includes(name)));
    expect(offenders).toEqual([]);
  });

  it('the renderer imports neither Node built-ins nor the engine', () => {
    const offenders = sourceFiles('renderer').filter((file) =>
      importsOf(file).some((name) => name.startsWith('node:') || name.includes('/electron/') || name.includes('engine/')),
    );
    expect(offenders).toEqual([]);
  });

  it('the engine reads protocol from shared/mqtt, not from the session story', () => {
    // The trace store tells the story of what it recorded (the Sessions list, the UI), and the
    // lab judges a broker by that same story, as the person sees it; nothing that speaks the
    // protocol reads it.
    const readers = ['trace-store', 'lab'].map((dir) => path.join('electron', 'engine', dir) + path.sep);
    const offenders = sourceFiles('electron/engine')
      .filter((file) => !file.endsWith('.test.ts') && !readers.some((dir) => file.startsWith(dir)))
      .filter((file) => importsOf(file).some((name) => name.endsWith('model/session-story')));
    expect(offenders).toEqual([]);
  });

  it('no file but the property table spells a property id', () => {
    const offenders = ['shared', 'electron', 'renderer']
      .flatMap(sourceFiles)
      .filter((file) => !file.endsWith('.test.ts') && file !== path.join('shared', 'mqtt', 'properties.ts'))
      .filter((file) => /\bid:\s*0x[0-9a-f]{2}\b/i.test(readFileSync(path.join(root, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
