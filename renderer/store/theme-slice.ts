// The colour theme: light, dark, or whatever the OS says (the default). The choice is kept in
// this browser and applied to the page as it is made, whichever control made it (the Theme
// switch, the command palette), and once when the store is made.
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_TITLES: Record<Theme, string> = { system: 'Follow the OS', light: 'Light', dark: 'Dark' };

const THEME_KEY = 'mqttscope.theme';

/** The theme the last page kept; anything unreadable follows the OS. */
export function readKeptTheme(storage: Pick<Storage, 'getItem'> | undefined): Theme {
  try {
    const kept = storage?.getItem(THEME_KEY);
    return THEMES.find((known) => known === kept) ?? 'system';
  } catch {
    return 'system';
  }
}

function applyTheme(theme: Theme): void {
  const root = globalThis.document?.documentElement;
  if (root) {
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
  }
  try {
    globalThis.localStorage?.setItem(THEME_KEY, theme);
  } catch {
    // A page without storage keeps the theme for this visit only.
  }
}

export interface ThemeSlice {
  theme: Theme;
  setTheme(theme: Theme): void;
}

export const createThemeSlice: StateCreator<AppState, [], [], ThemeSlice> = (set) => {
  const theme = readKeptTheme(globalThis.localStorage);
  applyTheme(theme);
  return {
    theme,
    setTheme: (chosen) => {
      applyTheme(chosen);
      set({ theme: chosen });
    },
  };
};
