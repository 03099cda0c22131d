// The Electron host: one secure window over the engine, with the contract carried on IPC.
// Nothing here decides anything; the engine does, and it runs the same under browser mode.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, safeStorage, session, shell, type IpcMainInvokeEvent } from 'electron';
import { IPC_CHANNELS, type WireMessage } from '@shared/contract';
import { resolveDataDir } from '../engine/data-dir';
import { Engine } from '../engine/engine';
import { chooseSecretBox } from './secret-box';

const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

let engine: Engine | undefined;
let mainWindow: BrowserWindow | undefined;

/** Requests are taken only from our own page, never from another frame or origin. */
function fromOurPage(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return event.sender === mainWindow?.webContents && url.split('#')[0].split('?')[0] === rendererUrl;
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'MQTT Scope',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = undefined));
  void mainWindow.loadURL(rendererUrl);
}

function harden(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (url !== rendererUrl) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (url.startsWith('https://')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

app.whenReady().then(() => {
  harden();
  const { box: secretBox, note: secretsNote } = chooseSecretBox(safeStorage, process.platform);
  const secrets = { ...(secretBox ? { secretBox } : {}), ...(secretsNote ? { secretsNote } : {}) };
  engine = new Engine({
    host: 'electron',
    dataDir: resolveDataDir(),
    version: app.getVersion(),
    // The OS keychain encrypts saved secrets where it really protects them; otherwise they stay in memory.
    ...secrets,
    emit: (event, payload) => mainWindow?.webContents.send(IPC_CHANNELS.event, { event, payload }),
  });
  ipcMain.handle(IPC_CHANNELS.request, async (event, message: unknown): Promise<WireMessage> => {
    if (!fromOurPage(event)) return { id: -1, error: 'Request refused: not from the MQTT Scope window' };
    return engine!.answer(message);
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  void engine?.dispose().finally(() => {
    if (process.platform !== 'darwin') app.quit();
  });
});
