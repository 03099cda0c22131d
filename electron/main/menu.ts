// The native menu: the usual roles (edit, view, window) plus the app's own commands with their
// shortcuts. Connect and Disconnect show the page's shortcuts but leave the keys to the page
// (registerAccelerator: false), so a key press is handled once, by the same button either way.
import type { MenuCommand } from '@shared/contract';

/** The subset of Electron's MenuItemConstructorOptions used here. */
export interface MenuItem {
  label?: string;
  role?: string;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  registerAccelerator?: boolean;
  click?: () => void;
  submenu?: MenuItem[];
}

export interface MenuActions {
  /** Sent to the page, which presses the matching button. */
  command(name: MenuCommand): void;
  openFile(): void;
  showAbout(): void;
}

const separator: MenuItem = { type: 'separator' };

export function menuTemplate(platform: NodeJS.Platform, actions: MenuActions): MenuItem[] {
  const mac = platform === 'darwin';
  const about: MenuItem = { label: 'About MQTT Scope', click: actions.showAbout };
  const file: MenuItem = {
    label: 'File',
    submenu: [{ label: 'Open Trace or Profiles…', accelerator: 'CmdOrCtrl+O', click: actions.openFile }, ...(mac ? [] : [separator, { role: 'quit' }])],
  };
  const connection: MenuItem = {
    label: 'Connection',
    submenu: [
      { label: 'Connect', accelerator: 'CmdOrCtrl+Enter', registerAccelerator: false, click: () => actions.command('connect') },
      { label: 'Disconnect', accelerator: 'CmdOrCtrl+.', registerAccelerator: false, click: () => actions.command('disconnect') },
    ],
  };
  const view: MenuItem = {
    label: 'View',
    submenu: [
      { label: 'Command Palette…', accelerator: 'CmdOrCtrl+K', registerAccelerator: false, click: () => actions.command('palette') },
      { label: 'Live Actions Drawer', accelerator: 'CmdOrCtrl+J', registerAccelerator: false, click: () => actions.command('drawer') },
      separator,
      { role: 'reload' },
      { role: 'toggleDevTools' }, separator, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, separator, { role: 'togglefullscreen' }],
  };
  return [
    ...(mac ? [{ label: 'MQTT Scope', submenu: [about, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }] }] : []),
    file,
    { role: 'editMenu' },
    connection,
    view,
    { role: 'windowMenu' },
    { role: 'help', submenu: mac ? [] : [about] },
  ];
}
