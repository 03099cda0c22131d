// The real main process, bundled as the build bundles it and run under plain Node with
// `electron` resolved to a stand-in that records what it is asked: the wiring of every hardening
// item, the menu, files from the OS and the shutdown, tested on the code that ships.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_CHANNELS, type WireMessage } from '@shared/contract';
import { contentSecurityPolicy } from '@shared/security-headers';
import { createElectronStandIn, preventable, StandInWebContents, type MenuTemplateItem } from '../../testing/electron-stand-in';
import { until } from '../../testing/wait';

const projectDir = path.resolve(__dirname, '..', '..');
const work = mkdtempSync(path.join(tmpdir(), 'mqttscope-main-'));
const dataDir = path.join(work, 'data');
const capture = path.join(projectDir, 'testdata', 'mosquitto-capture', 'capture.pcapng');
const primaryWorkArea = { x: 0, y: 0, width: 1920, height: 1080 };
const standIn = createElectronStandIn({ version: '0.1.0', primaryWorkArea });
const { record } = standIn;
const window = () => record.windows[0];
const contents = () => window().webContents;
const eventsSent = (name: string) => contents().sent.filter(({ channel, message }) => channel === IPC_CHANNELS.event && (message as { event: string }).event === name).map(({ message }) => (message as { payload: unknown }).payload);
const menuItems = (items: MenuTemplateItem[] = record.applicationMenu?.template ?? []): MenuTemplateItem[] => items.flatMap((item) => [item, ...menuItems(item.submenu ?? [])]);

/** What the preload sends, from the app's own page in its window. */
const fromPage = () => ({ sender: contents(), senderFrame: contents().mainFrame });
async function ask(message: unknown, event: object = fromPage()): Promise<WireMessage> {
  const handler = record.ipcHandlers.get(IPC_CHANNELS.request) as (event: object, message: unknown) => Promise<WireMessage>;
  return handler(event, message);
}

beforeAll(async () => {
  // The bundle as scripts/build.mjs makes it: everything inlined but electron.
  await build({ entryPoints: { main: path.join(projectDir, 'electron/main/main.ts') }, bundle: true, platform: 'node', format: 'cjs', target: 'node22', external: ['electron', 'bufferutil', 'utf-8-validate'], outdir: path.join(work, 'electron'), outExtension: { '.js': '.cjs' }, logLevel: 'warning' });
  mkdirSync(path.join(work, 'renderer', 'assets'), { recursive: true });
  writeFileSync(path.join(work, 'renderer', 'index.html'), '<!doctype html><title>MQTT Scope</title><script type="module" src="./assets/app.js"></script>');
  writeFileSync(path.join(work, 'renderer', 'assets', 'app.js'), '');
  // A place saved on a display that is gone.
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(path.join(dataDir, 'window-state.json'), JSON.stringify({ version: 1, bounds: { x: 4000, y: 3000, width: 1000, height: 700 }, maximized: false }));
  process.env.MQTTSCOPE_DATA_DIR = dataDir;
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  (Module as unknown as { _load: typeof load })._load = function (request, ...rest) {
    return request === 'electron' ? standIn.electron : load.call(this, request, ...rest);
  };
  createRequire(import.meta.url)(path.join(work, 'electron', 'main.cjs'));
  standIn.ready();
  await until(() => window()?.shown === true, 15_000, 'the window shown');
}, 60_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the Electron main process, wired', () => {
  it('holds one instance per data folder, keeping Chromium’s storage there', () => {
    expect(record.singleInstanceLockRequests).toBe(1);
    expect(record.paths.get('userData')).toBe(path.join(dataDir, 'chromium'));
  });

  it('opens a sandboxed, context-isolated window without Node, on the app:// page', () => {
    expect(record.windows).toHaveLength(1);
    expect(window().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: path.join(work, 'electron', 'preload.cjs'),
    });
    expect(window().loadedUrl).toBe('app://mqtt-scope/index.html');
  });

  it('serves the UI on app:// with the CSP header, refusing paths out of the renderer folder', async () => {
    expect(record.privilegedSchemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, bypassCSP: false }) })]);
    const handler = record.protocolHandlers.get('app')!;
    const page = await handler({ url: 'app://mqtt-scope/index.html' });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy([]));
    expect(await page.text()).toContain('<title>MQTT Scope</title>');
    writeFileSync(path.join(work, 'outside.js'), 'secret');
    for (const url of ['app://mqtt-scope/../outside.js', 'app://mqtt-scope/%2e%2e%2foutside.js', 'app://mqtt-scope/assets/..%2f..%2foutside.js', 'app://elsewhere/index.html']) {
      const answer = await handler({ url });
      expect({ url, status: answer.status }).toEqual({ url, status: 404 });
      expect(answer.headers.get('content-security-policy')).toBe(contentSecurityPolicy([]));
    }
  });

  it('keeps every web contents on its page: navigation, new windows and webviews refused', () => {
    const other = new StandInWebContents();
    standIn.electron.app.emit('web-contents-created', preventable(), other);
    for (const target of [contents(), other]) {
      record.openedExternally.length = 0;
      const navigate = (url: string) => {
        const event = preventable();
        target.emit('will-navigate', event, url);
        return event.prevented;
      };
      expect(navigate('app://mqtt-scope/index.html')).toBe(false);
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://elsewhere/']) expect(navigate(url)).toBe(true);
      const redirect = preventable();
      target.emit('will-redirect', redirect, 'https://evil.example/');
      expect(redirect.prevented).toBe(true);
      const webview = preventable();
      target.emit('will-attach-webview', webview, {}, {});
      expect(webview.prevented).toBe(true);
      for (const url of ['https://mqtt.org/', 'http://broker.local/', 'file:///etc/passwd', 'smb://host/share', 'javascript:alert(1)']) {
        expect(target.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
      }
      // The web links a person follows go to the OS browser; nothing else does.
      expect(record.openedExternally).toEqual(['https://evil.example/', 'https://mqtt.org/', 'http://broker.local/']);
    }
  });

  it('denies every permission and cancels every request beyond its own origin', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      record.permissionRequestHandler!(contents(), permission, (answer) => (granted = answer));
      expect({ permission, granted }).toEqual({ permission, granted: false });
      expect(record.permissionCheckHandler!(contents(), permission)).toBe(false);
    }
    for (const deviceType of ['hid', 'serial', 'usb']) expect(record.devicePermissionHandler!({ deviceType, origin: 'app://mqtt-scope' })).toBe(false);
    const cancelled = (url: string) => {
      let answer: { cancel?: boolean } = {};
      record.beforeRequest!.listener({ url }, (given) => (answer = given));
      return answer.cancel;
    };
    expect(record.beforeRequest!.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    expect(cancelled('https://cdn.example/app.js')).toBe(true);
    expect(cancelled('ws://127.0.0.1:1883/')).toBe(true);
    expect(cancelled('app://mqtt-scope/assets/app.js')).toBe(false);
  });

  it('answers the page over IPC, validated against the contract', async () => {
    const info = await ask({ id: 0, method: 'app.info', params: {} });
    expect(info).toMatchObject({ id: 0, result: { host: 'electron', version: '0.1.0', dataDir, secretsEncrypted: true } });
  });

  it('answers garbage with an error, never a crash, and goes on answering', async () => {
    const deep: Record<string, unknown> = {};
    let level = deep;
    for (let i = 0; i < 5000; i++) level = (level.next = {}) as Record<string, unknown>;
    const garbage: unknown[] = [undefined, null, 42, 'app.info', [], {}, { id: 1 }, { id: 1, method: 'nope', params: {} }, { id: -1, method: 'app.info', params: {} }, { id: 1, method: 'app.info', params: { extra: true } }, { id: 1, method: 'connection.open', params: { host: 5 } }, { id: 1, method: 'files.open', params: { name: 'x', part: 7, done: true } }, { id: 1, method: 'sessions.rows', params: { id: '../../etc', from: 0, count: 1 } }, { id: 1, method: 'app.info', params: {}, __proto__: { polluted: true } }, deep];
    for (const message of garbage) {
      const answer = await ask(message);
      expect(answer).toEqual({ id: expect.any(Number), error: expect.any(String) });
    }
    expect(await ask({ id: 3, method: 'app.settings', params: {} })).toMatchObject({ id: 3, result: { onQuit: 'disconnect' } });
  });

  it('refuses requests from any sender but the app page in its window', async () => {
    const refused = { id: -1, error: 'Request refused: not from the MQTT Scope window' };
    const valid = { id: 0, method: 'app.info', params: {} };
    expect(await ask(valid, { sender: new StandInWebContents(), senderFrame: { url: 'app://mqtt-scope/index.html', parent: null } })).toEqual(refused);
    expect(await ask(valid, { sender: contents(), senderFrame: { url: 'https://evil.example/', parent: null } })).toEqual(refused);
    expect(await ask(valid, { sender: contents(), senderFrame: { url: 'app://mqtt-scope/index.html', parent: contents().mainFrame } })).toEqual(refused);
    expect(await ask(valid, { sender: contents(), senderFrame: null })).toEqual(refused);
  });

  it('keeps saved passwords only through safeStorage', async () => {
    const before = record.encryptions;
    const saved = await ask({ id: 1, method: 'profiles.save', params: { name: 'lab', options: { host: '127.0.0.1', port: 1883, protocolVersion: '3.1.1', clientId: 'lab', clean: true, keepAlive: 60, username: 'alice', password: 'hunter2-in-clear' } } });
    expect(saved).toMatchObject({ result: { name: 'lab' } });
    expect(record.encryptions).toBeGreaterThan(before);
    const files = readdirSync(path.join(dataDir, 'profiles'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(path.join(dataDir, 'profiles', file), 'utf8')).not.toContain('hunter2-in-clear');
    const read = await ask({ id: 2, method: 'profiles.get', params: { id: (saved as { result: { id: string } }).result.id } });
    expect(read).toMatchObject({ result: { options: { password: 'hunter2-in-clear' } } });
  });

  it('has a menu whose commands reach the page, and an About box with the versions', () => {
    const items = menuItems();
    expect(items.find((item) => item.label === 'Connect')).toMatchObject({ accelerator: 'CmdOrCtrl+Enter' });
    items.find((item) => item.label === 'Connect')!.click!();
    items.find((item) => item.label === 'Disconnect')!.click!();
    expect(eventsSent('menu.command')).toEqual([{ command: 'connect' }, { command: 'disconnect' }]);
    items.find((item) => item.label === 'About MQTT Scope')!.click!();
    expect(record.messageBoxes.at(-1)?.detail).toMatch(/^Version 0\.1\.0\nElectron .+\nChrome .+\nNode .+$/);
  });

  it('follows the OS theme', () => {
    expect(standIn.nativeTheme.themeSource).toBe('system');
    standIn.nativeTheme.shouldUseDarkColors = true;
    standIn.nativeTheme.emit('updated');
    const dark = window().backgroundColor;
    standIn.nativeTheme.shouldUseDarkColors = false;
    standIn.nativeTheme.emit('updated');
    expect(dark).not.toBe(window().backgroundColor);
  });

  it('recentres a window whose saved place no display shows', () => {
    expect(window().options).toMatchObject({ x: 460, y: 190, width: 1000, height: 700 });
  });

  it('opens a file from a second launch, focusing the first window', async () => {
    window().minimize();
    standIn.electron.app.emit('second-instance', preventable(), ['/opt/MQTT Scope/mqtt-scope', '--flag', path.relative(projectDir, capture)], projectDir);
    expect(window().minimized).toBe(false);
    expect(window().focused).toBe(true);
    await until(() => eventsSent('files.opened').length === 1, 15_000, 'the file opened');
    expect(eventsSent('files.opened')[0]).toMatchObject({ name: 'capture.pcapng', kind: 'trace', problems: [], sessions: expect.arrayContaining([expect.objectContaining({ id: expect.any(String), origin: 'file' })]) });
  });

  it('opens a file macOS hands over, and one chosen in File → Open', async () => {
    const event = preventable();
    standIn.electron.app.emit('open-file', event, capture);
    expect(event.prevented).toBe(true);
    await until(() => eventsSent('files.opened').length === 2, 15_000, 'the file from open-file');
    record.openDialogAnswers.push({ canceled: false, filePaths: [capture] });
    menuItems().find((item) => item.accelerator === 'CmdOrCtrl+O')!.click!();
    await until(() => eventsSent('files.opened').length === 3, 15_000, 'the file from the menu');
  });

  it('on closing, remembers the window and quits only once the engine has stopped the local broker', async () => {
    const started = await ask({ id: 1, method: 'broker.start', params: { kind: 'embedded', port: 0 } });
    const { port } = (started as { result: { port: number } }).result;
    expect(await reachable(port)).toBe(true);
    window().setBounds({ x: 100, y: 80, width: 1111, height: 777 });
    window().close();
    expect(JSON.parse(readFileSync(path.join(dataDir, 'window-state.json'), 'utf8'))).toEqual({ version: 1, bounds: { x: 100, y: 80, width: 1111, height: 777 }, maximized: false });
    // The first quit is held while the engine disposes, then made again.
    expect(record.quitted).toBe(false);
    await until(() => record.quitted, 20_000, 'the app quitting');
    expect(record.quitRequests).toBe(2);
    expect(await reachable(port)).toBe(false);
  }, 30_000);
});

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
