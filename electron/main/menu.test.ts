import { describe, expect, it, vi } from 'vitest';
import { menuTemplate, type MenuItem } from './menu';

const flat = (items: MenuItem[]): MenuItem[] => items.flatMap((item) => [item, ...flat(item.submenu ?? [])]);

describe('the menu', () => {
  it('carries the app commands with the page’s shortcuts, leaving the keys to the page', () => {
    const actions = { command: vi.fn(), openFile: vi.fn(), showAbout: vi.fn() };
    const items = flat(menuTemplate('linux', actions));
    const connect = items.find((item) => item.label === 'Connect')!;
    const disconnect = items.find((item) => item.label === 'Disconnect')!;
    expect(connect).toMatchObject({ accelerator: 'CmdOrCtrl+Enter', registerAccelerator: false });
    expect(disconnect).toMatchObject({ accelerator: 'CmdOrCtrl+.', registerAccelerator: false });
    connect.click!();
    disconnect.click!();
    items.find((item) => item.label === 'Command Palette…')!.click!();
    items.find((item) => item.label === 'Live Actions Drawer')!.click!();
    expect(items.find((item) => item.label === 'Command Palette…')).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: false });
    expect(actions.command.mock.calls).toEqual([['connect'], ['disconnect'], ['palette'], ['drawer']]);
    items.find((item) => item.accelerator === 'CmdOrCtrl+O')!.click!();
    items.find((item) => item.label === 'About MQTT Scope')!.click!();
    expect(actions.openFile).toHaveBeenCalledOnce();
    expect(actions.showAbout).toHaveBeenCalledOnce();
    expect(items.map((item) => item.role).filter(Boolean)).toEqual(expect.arrayContaining(['quit', 'editMenu', 'windowMenu', 'reload', 'toggleDevTools']));
  });

  it('puts About and Quit in the app menu on macOS', () => {
    const [appMenu] = menuTemplate('darwin', { command: vi.fn(), openFile: vi.fn(), showAbout: vi.fn() });
    expect(appMenu.label).toBe('MQTT Scope');
    expect(appMenu.submenu!.map((item) => item.label ?? item.role)).toEqual(expect.arrayContaining(['About MQTT Scope', 'quit', 'hide']));
  });
});
