// The main window's options: the renderer gets no Node, a sandbox, an isolated context and only
// the preload's bridge. Kept apart from main.ts so a test reads the very options used.
import type { Bounds } from './window-state';
import { MIN_WINDOW_SIZE } from '../engine/limits';

const BACKGROUND = { light: '#ffffff', dark: '#14171c' };

export function windowBackground(dark: boolean): string {
  return dark ? BACKGROUND.dark : BACKGROUND.light;
}

export function mainWindowOptions({ bounds, preload, dark, icon }: { bounds: Bounds; preload: string; dark: boolean; icon?: string }) {
  return {
    ...bounds,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'MQTT Scope',
    show: false,
    // Painted before the page draws, so the window does not flash white in a dark OS theme.
    backgroundColor: windowBackground(dark),
    ...(icon ? { icon } : {}),
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
