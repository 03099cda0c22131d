// The Electron host: one secure window over the engine, with the contract carried on IPC.
// Nothing here decides anything: the engine does (it runs the same under browser mode), and each
// Electron-facing rule lives in a plain module beside this one, where tests run it without
// Electron. This file only wires them to Electron.
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { IPC_CHANNELS, type EventName, type EventPayloads, type MenuCommand } from '@shared/contract';
import { resolveDataDir, ensureDataDir } from '../engine/data-dir';
import { Engine } from '../engine/engine';
import { aboutDetail } from './about';
import { answerAppRequest, APP_ENTRY_URL, APP_SCHEME, APP_SCHEME_PRIVILEGES } from './app-protocol';
import { guardedRequestHandler, isFromAppWindow } from './ipc-guard';
import { filesToOpen, PROFILES_EXTENSION, TRACE_EXTENSIONS } from './launch-files';
import { menuTemplate } from './menu';
import { decideNavigation, externalLink, requestAllowed } from './navigation';
import { openFileInEngine } from './open-file';
import { quitAfterDispose } from './quit';
import { chooseSecretBox } from './secret-box';
import { mainWindowOptions, windowBackground } from './window-options';
import { readWindowState, writeWindowState } from './window-state';

const rendererRoot = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');
const dataDir = ensureDataDir(resolveDataDir());

let engine: Engine | undefined;
let mainWindow: BrowserWindow | undefined;
/** The page has loaded and listens for events: files can be shown. */
let pageReady = false;
/** Files handed over before the engine and the page were ready. */
const waitingFiles: string[] = [];

// Chromium's own storage (and the single-instance lock) beside the app's data, so one data
// folder is one app: a test's instance never defers to a person's running app.
app.setPath('userData', path.join(dataDir, 'chromium'));
protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

if (!app.requestSingleInstanceLock()) {
  // The first instance is told (second-instance) and opens what this one was asked to.
  app.quit();
} else {
  waitingFiles.push(...filesToOpen(process.argv.slice(1), process.cwd()));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusWindow();
    for (const file of filesToOpen(argv.slice(1), workingDirectory)) openFile(file);
  });
  // macOS hands files over this way, possibly before the app is ready.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFile(file);
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('before-quit', quitAfterDispose(async () => engine?.dispose(), () => app.quit()));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.whenReady().then(start, (error: Error) => {
    console.error(`MQTT Scope could not start: ${error.message}`);
    app.exit(1);
  });
}

function start(): void {
  nativeTheme.themeSource = 'system';
  nativeTheme.on('updated', () => mainWindow?.setBackgroundColor(windowBackground(nativeTheme.shouldUseDarkColors)));
  protocol.handle(APP_SCHEME, async (request) => {
    const { status, headers, body } = await answerAppRequest(rendererRoot, request.url);
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), { status, headers });
  });
  const { defaultSession } = session;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  // USB, HID and serial devices too: the app speaks to brokers over sockets, never to devices.
  defaultSession.setDevicePermissionHandler(() => false);
  // No remote content, ever: whatever the page asks beyond its own origin is cancelled.
  defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file:///*'] }, (details, callback) => callback({ cancel: !requestAllowed(details.url) }));

  const { box: secretBox, note: secretsNote } = chooseSecretBox(safeStorage, process.platform);
  engine = new Engine({
    host: 'electron',
    dataDir,
    version: app.getVersion(),
    // The OS keychain encrypts saved secrets where it really protects them; otherwise they stay in memory.
    ...(secretBox ? { secretBox } : {}),
    ...(secretsNote ? { secretsNote } : {}),
    emit: sendToPage,
  });
  const running = engine;
  ipcMain.handle(IPC_CHANNELS.request, guardedRequestHandler((message) => running.answer(message), (event) => isFromAppWindow(event, mainWindow?.webContents)));
  const template = menuTemplate(process.platform, { command: sendCommand, openFile: () => void chooseFiles(), showAbout: () => void showAbout() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template as MenuItemConstructorOptions[]));
  createWindow();
}

function createWindow(): void {
  const workAreas = screen.getAllDisplays().map((display) => display.workArea);
  const state = readWindowState(dataDir, workAreas, screen.getPrimaryDisplay().workArea);
  const window = new BrowserWindow(mainWindowOptions({ bounds: state.bounds, preload: preloadPath, dark: nativeTheme.shouldUseDarkColors }));
  mainWindow = window;
  pageReady = false;
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => {
    try {
      writeWindowState(dataDir, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch {
      // A read-only data folder costs the remembered place, never the close.
    }
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = undefined;
  });
  window.webContents.on('did-finish-load', () => {
    pageReady = true;
    for (const file of waitingFiles.splice(0)) openFile(file);
  });
  void window.loadURL(APP_ENTRY_URL);
}

/** Every window and webview the app ever creates: no navigation away, no new windows, no webviews. */
function harden(contents: WebContents): void {
  const stay = (event: { preventDefault(): void }, url: string) => {
    const decision = decideNavigation(url);
    if (decision.prevent) event.preventDefault();
    if (decision.openExternal) void shell.openExternal(decision.openExternal);
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', (event, url) => {
    if (decideNavigation(url).prevent) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const link = externalLink(url);
    if (link) void shell.openExternal(link);
    return { action: 'deny' };
  });
}

function sendToPage<E extends EventName>(event: E, payload: EventPayloads[E]): void {
  if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_CHANNELS.event, { event, payload });
}

function sendCommand(command: MenuCommand): void {
  sendToPage('menu.command', { command });
}

function focusWindow(): void {
  if (!mainWindow) return createWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function openFile(file: string): void {
  if (!engine || !pageReady) {
    waitingFiles.push(file);
    return;
  }
  const running = engine;
  void openFileInEngine((message) => running.answer(message), file).then((opened) => sendToPage('files.opened', opened));
}

async function chooseFiles(): Promise<void> {
  const options = {
    title: 'Open a saved trace, a capture or exported profiles',
    properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
    filters: [
      { name: 'Traces and captures', extensions: TRACE_EXTENSIONS.map((extension) => extension.slice(1)) },
      { name: 'Exported profiles', extensions: [PROFILES_EXTENSION.slice(1)] },
    ],
  };
  const chosen = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
  if (!chosen.canceled) for (const file of chosen.filePaths) openFile(file);
}

async function showAbout(): Promise<void> {
  const options = {
    type: 'info' as const,
    title: 'About MQTT Scope',
    message: 'MQTT Scope',
    detail: aboutDetail({ app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node }),
    buttons: ['OK'],
  };
  if (mainWindow) await dialog.showMessageBox(mainWindow, options);
  else await dialog.showMessageBox(options);
}
