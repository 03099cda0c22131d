// The packaging check: electron-builder's unpacked target, run for real against a stand-in
// Electron distribution, and the produced app.asar read back. It must hold the built app and
// nothing else — and it must say so when a source folder or a dev dependency slips in.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Module, { createRequire } from 'node:module';
import { extractAll } from '@electron/asar';
import type { Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asarProblems, REQUIRED_FILES } from './asar-contents';
import { installedElectronVersion, packUnpacked } from './pack-unpacked';
import { asarFiles } from './read-asar';
import { fuseProblems } from './fuses';
import { makeStandInElectronDist } from './stand-in-electron-dist';
import { createElectronStandIn } from '../../testing/electron-stand-in';
import { until } from '../../testing/wait';

const projectDir = path.resolve(__dirname, '..', '..');
const readJson = <T>(file: string): T => JSON.parse(readFileSync(path.join(projectDir, file), 'utf8')) as T;
const config = readJson<Configuration>('electron-builder.json');
const manifest = readJson<{ dependencies?: Record<string, string>; devDependencies: Record<string, string> } & Record<string, unknown>>('package.json');
const expectation = { dependencies: Object.keys(manifest.dependencies ?? {}) };
/** What the package may weigh; the README gives the figure. */
const MAX_ASAR_BYTES = 4 * 1024 * 1024;
const PACK_TIMEOUT_MS = 120_000;

let work: string;
let electronDist: string;
/** The package as configured, once packed. */
let packedAsar: string | undefined;
beforeAll(() => {
  for (const file of ['dist/electron/main.cjs', 'dist/electron/preload.cjs', 'dist/renderer/index.html']) {
    if (!statSync(path.join(projectDir, file), { throwIfNoEntry: false })) throw new Error(`${file} is missing: run \`node scripts/build.mjs\` before this test (npm test does)`);
  }
  work = mkdtempSync(path.join(tmpdir(), 'mqttscope-pack-'));
  electronDist = makeStandInElectronDist(path.join(work, 'electron-dist'), installedElectronVersion(projectDir));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pack = (variant: Configuration, name: string) => packUnpacked({ projectDir, config: variant, electronDist, outDir: path.join(work, name) });

describe('the packaged app', () => {
  it('holds the main, preload and renderer bundles and nothing else, within its size', async () => {
    const started = performance.now();
    const { asarPath, appOutDir } = await pack(config, 'as-configured');
    const files = asarFiles(asarPath);
    const size = statSync(asarPath).size;
    console.log(`packaging check: app.asar ${(size / 1024 / 1024).toFixed(2)} MiB, ${files.length} files, packed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(asarProblems(files, expectation)).toEqual([]);
    for (const file of REQUIRED_FILES) expect(files).toContain(file);
    // The engine runs from the bundle: no library is loaded from node_modules at run time.
    expect(expectation.dependencies).toEqual([]);
    expect(files.some((file) => file.startsWith('/node_modules/'))).toBe(false);
    expect(size).toBeLessThan(MAX_ASAR_BYTES);
    // Nothing beside the archive carries code either (a dependency with native parts would be unpacked here).
    expect(statSync(path.join(appOutDir, 'resources', 'app.asar.unpacked'), { throwIfNoEntry: false })).toBeUndefined();
    // The executable is named as the packages install it, its fuses flipped as configured.
    const executable = path.join(appOutDir, config.linux!.executableName!);
    expect(statSync(executable).isFile()).toBe(true);
    expect(await fuseProblems(executable)).toEqual([]);
    packedAsar = asarPath;
  }, PACK_TIMEOUT_MS);

  it('starts from the package alone: its main process loads its own renderer, with no node_modules', async () => {
    expect(packedAsar).toBeDefined();
    // Unpacked away from the project, so nothing can be found in its node_modules.
    const app = path.join(work, 'unpacked-app');
    extractAll(packedAsar!, app);
    const standIn = createElectronStandIn({ version: manifest.version as string, primaryWorkArea: { x: 0, y: 0, width: 1920, height: 1080 } });
    process.env.MQTTSCOPE_DATA_DIR = path.join(work, 'packaged-data');
    const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
    (Module as unknown as { _load: typeof load })._load = function (request, ...rest) {
      return request === 'electron' ? standIn.electron : load.call(this, request, ...rest);
    };
    createRequire(import.meta.url)(path.join(app, (JSON.parse(readFileSync(path.join(app, 'package.json'), 'utf8')) as { main: string }).main));
    standIn.ready();
    await until(() => standIn.record.windows[0]?.shown === true, 15_000, 'the packaged app’s window');
    const page = standIn.record.windows[0];
    expect(page.options.webPreferences).toMatchObject({ preload: path.join(app, 'dist', 'electron', 'preload.cjs') });
    const html = await (await standIn.record.protocolHandlers.get('app')!({ url: page.loadedUrl! })).text();
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)![1];
    expect((await standIn.record.protocolHandlers.get('app')!({ url: `app://mqtt-scope/${script}` })).status).toBe(200);
    page.close();
    await until(() => standIn.record.quitted, 20_000, 'the packaged app to quit');
  }, PACK_TIMEOUT_MS);

  it('reports a source folder and a source map that land in the package', async () => {
    const { asarPath } = await pack({ ...config, files: [...(config.files as string[]), 'electron/main/**/*', 'dist/electron/*.map'].filter((entry) => entry !== '!**/*.map') }, 'with-sources');
    const problems = asarProblems(asarFiles(asarPath), expectation);
    expect(problems).toContain('not part of the built app: /electron/…');
    expect(problems).toContain('source map: /dist/electron/main.cjs.map');
  }, PACK_TIMEOUT_MS);

  it('reports a dev dependency that lands in the package', async () => {
    // How one would land: moved to `dependencies` (electron-builder packs those from node_modules).
    // The project is copied with that change (its built files too); node_modules is linked.
    const project = path.join(work, 'project-with-dependency');
    mkdirSync(project);
    const { zod, ...devDependencies } = manifest.devDependencies;
    expect(zod).toBeDefined();
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ ...manifest, dependencies: { zod }, devDependencies }, null, 2));
    cpSync(path.join(projectDir, 'dist'), path.join(project, 'dist'), { recursive: true });
    symlinkSync(path.join(projectDir, 'node_modules'), path.join(project, 'node_modules'));
    const { asarPath } = await packUnpacked({ projectDir: project, config, electronDist, outDir: path.join(work, 'with-dependency') });
    expect(asarProblems(asarFiles(asarPath), expectation)).toContain('not a production dependency: /node_modules/zod');
  }, PACK_TIMEOUT_MS);
});

describe('fuseProblems', () => {
  it('names each fuse Electron ships in a state the package must not keep', async () => {
    const unflipped = path.join(makeStandInElectronDist(path.join(work, 'unflipped'), '0.0.0'), 'electron');
    expect(await fuseProblems(unflipped)).toEqual([
      'RunAsNode is on; it must be off',
      'EnableCookieEncryption is off; it must be on',
      'EnableNodeOptionsEnvironmentVariable is on; it must be off',
      'EnableNodeCliInspectArguments is on; it must be off',
      'OnlyLoadAppFromAsar is off; it must be on',
      'GrantFileProtocolExtraPrivileges is on; it must be off',
    ]);
  });
});

describe('asarProblems', () => {
  const built = [...REQUIRED_FILES, '/dist/renderer/assets/index-x.js'];
  it('accepts the built app and the declared dependencies', () => {
    expect(asarProblems([...built, '/node_modules/ws/index.js', '/node_modules/@scope/lib/a.js'], { dependencies: ['ws', '@scope/lib'] })).toEqual([]);
  });
  it('names what is missing or out of place', () => {
    expect(asarProblems(['/package.json', '/src/app.ts', '/testdata/a.bin', '/node_modules/@types/node/index.d.ts'], { dependencies: [] })).toEqual([
      'missing: /dist/electron/main.cjs',
      'missing: /dist/electron/preload.cjs',
      'missing: /dist/renderer/index.html',
      'missing: the renderer bundle (/dist/renderer/assets/*.js)',
      'not part of the built app: /src/…',
      'not part of the built app: /testdata/…',
      'not a production dependency: /node_modules/@types/node',
    ]);
  });
});
