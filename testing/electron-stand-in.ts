// A stand-in for the parts of Electron the main process uses, so the real main bundle can run
// under plain Node (the Electron binary cannot be had here): it records every window's options,
// IPC and protocol handlers, navigation listeners, permission handlers, menus and dialogs, and
// lets a test drive the app as Electron would (ready, a second launch, a menu click, quit).
import { EventEmitter } from 'node:events';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Handler = (...args: never[]) => unknown;
export interface PreventableEvent {
  prevented: boolean;
  preventDefault(): void;
}

export function preventable(): PreventableEvent {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

export class StandInWebContents extends EventEmitter {
  private static lastId = 0;
  readonly id = ++StandInWebContents.lastId;
  readonly sent: { channel: string; message: unknown }[] = [];
  readonly mainFrame = { url: '', parent: null as unknown };
  windowOpenHandler?: (details: { url: string }) => { action: string };

  send(channel: string, message: unknown): void {
    this.sent.push({ channel, message });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return false;
  }
}

export function createElectronStandIn({ version, primaryWorkArea }: { version: string; primaryWorkArea: Rectangle }) {
  let markReady!: () => void;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));
  const record = {
    windows: [] as StandInBrowserWindow[],
    ipcHandlers: new Map<string, Handler>(),
    protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
    privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    permissionRequestHandler: undefined as undefined | ((contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void),
    permissionCheckHandler: undefined as undefined | ((contents: unknown, permission: string) => boolean),
    devicePermissionHandler: undefined as undefined | ((details: unknown) => boolean),
    beforeRequest: undefined as undefined | { filter: { urls: string[] }; listener: (details: { url: string }, callback: (answer: { cancel?: boolean }) => void) => void },
    openedExternally: [] as string[],
    applicationMenu: undefined as undefined | { template: MenuTemplateItem[] },
    messageBoxes: [] as { title?: string; message?: string; detail?: string }[],
    openDialogAnswers: [] as { canceled: boolean; filePaths: string[] }[],
    paths: new Map<string, string>(),
    singleInstanceLockRequests: 0,
    quitRequests: 0,
    quitted: false,
    encryptions: 0,
  };

  const app = Object.assign(new EventEmitter(), {
    whenReady: () => readyPromise,
    isReady: () => false,
    getVersion: () => version,
    getName: () => 'MQTT Scope',
    setPath: (name: string, value: string) => void record.paths.set(name, value),
    getPath: (name: string) => record.paths.get(name) ?? `/stand-in/${name}`,
    requestSingleInstanceLock: () => {
      record.singleInstanceLockRequests++;
      return true;
    },
    /** As Electron does: `before-quit` first, which a listener may cancel. */
    quit: () => {
      record.quitRequests++;
      const event = preventable();
      app.emit('before-quit', event);
      if (!event.prevented) record.quitted = true;
    },
    exit: () => void (record.quitted = true),
  });

  class StandInBrowserWindow extends EventEmitter {
    readonly webContents = new StandInWebContents();
    loadedUrl?: string;
    shown = false;
    focused = false;
    minimized = false;
    maximized = false;
    destroyed = false;
    backgroundColor: string;
    private bounds: Rectangle;

    constructor(readonly options: Record<string, unknown> & Partial<Rectangle> & { backgroundColor?: string }) {
      super();
      this.bounds = { x: options.x ?? 0, y: options.y ?? 0, width: options.width ?? 800, height: options.height ?? 600 };
      this.backgroundColor = options.backgroundColor ?? '';
      record.windows.push(this);
      app.emit('web-contents-created', preventable(), this.webContents);
    }
    static getAllWindows(): StandInBrowserWindow[] {
      return record.windows.filter((window) => !window.destroyed);
    }
    /** Loads the page through the registered protocol handler, as Chromium would. */
    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
      const scheme = new URL(url).protocol.slice(0, -1);
      const handler = record.protocolHandlers.get(scheme);
      if (!handler) throw new Error(`ERR_UNKNOWN_URL_SCHEME (${scheme})`);
      const response = await handler({ url });
      if (response.status !== 200) throw new Error(`ERR_FAILED (${response.status})`);
      this.emit('ready-to-show');
      this.webContents.emit('did-finish-load');
    }
    show(): void {
      this.shown = true;
      this.minimized = false;
    }
    focus(): void {
      this.focused = true;
    }
    minimize(): void {
      this.minimized = true;
      this.focused = false;
    }
    restore(): void {
      this.minimized = false;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    maximize(): void {
      this.maximized = true;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    getNormalBounds(): Rectangle {
      return { ...this.bounds };
    }
    setBounds(bounds: Rectangle): void {
      this.bounds = { ...bounds };
    }
    setBackgroundColor(color: string): void {
      this.backgroundColor = color;
    }
    /** As a person closing it: `close`, `closed`, and the app told when it was the last one. */
    close(): void {
      this.emit('close', preventable());
      this.destroyed = true;
      this.emit('closed');
      if (StandInBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
    }
  }

  const nativeTheme = Object.assign(new EventEmitter(), { themeSource: 'system' as 'system' | 'light' | 'dark', shouldUseDarkColors: false });
  const display = { id: 1, workArea: primaryWorkArea, bounds: primaryWorkArea };

  const electron = {
    app,
    BrowserWindow: StandInBrowserWindow,
    ipcMain: { handle: (channel: string, handler: Handler) => void record.ipcHandlers.set(channel, handler) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: typeof record.privilegedSchemes) => void record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => void record.protocolHandlers.set(scheme, handler),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof record.permissionRequestHandler) => void (record.permissionRequestHandler = handler),
        setPermissionCheckHandler: (handler: typeof record.permissionCheckHandler) => void (record.permissionCheckHandler = handler),
        setDevicePermissionHandler: (handler: typeof record.devicePermissionHandler) => void (record.devicePermissionHandler = handler),
        webRequest: { onBeforeRequest: (filter: { urls: string[] }, listener: NonNullable<typeof record.beforeRequest>['listener']) => void (record.beforeRequest = { filter, listener }) },
      },
    },
    shell: {
      openExternal: async (url: string) => void record.openedExternally.push(url),
    },
    Menu: {
      buildFromTemplate: (template: MenuTemplateItem[]) => ({ template }),
      setApplicationMenu: (menu: { template: MenuTemplateItem[] }) => void (record.applicationMenu = menu),
    },
    dialog: {
      showMessageBox: async (...args: unknown[]) => {
        record.messageBoxes.push(args[args.length - 1] as { detail?: string });
        return { response: 0 };
      },
      showOpenDialog: async () => record.openDialogAnswers.shift() ?? { canceled: true, filePaths: [] },
    },
    nativeTheme,
    screen: { getAllDisplays: () => [display], getPrimaryDisplay: () => display },
    // A keychain that really transforms what it is given, so a test can tell it was used.
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (text: string) => {
        record.encryptions++;
        return Buffer.from(Buffer.from(text).map((byte) => byte ^ 0x5a));
      },
      decryptString: (data: Buffer) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString(),
    },
  };

  return { electron, record, nativeTheme, ready: () => markReady() };
}

export interface MenuTemplateItem {
  label?: string;
  role?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}
