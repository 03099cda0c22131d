// Resizable panes (react-resizable-panels): a group's sizes are kept in this browser under its id
// and come back after a reload; a divider is a focusable separator, moved by mouse or arrow keys.
import { Separator, useDefaultLayout } from 'react-resizable-panels';

/** Where sizes are kept; a page without storage (private mode) keeps them for this visit only. */
const storage = {
  getItem: (key: string) => {
    try {
      return globalThis.localStorage?.getItem(key) ?? null;
    } catch {
      return null;
    }
  },
  setItem: (key: string, value: string) => {
    try {
      globalThis.localStorage?.setItem(key, value);
    } catch {
      // Not kept: the next visit starts from the default sizes.
    }
  },
};

/** The kept layout of the group `id` (pass `panelIds` when its panels come and go). */
export function usePaneLayout(id: string, panelIds?: string[]) {
  return useDefaultLayout({ id: `mqttscope.panes.${id}`, storage, ...(panelIds ? { panelIds } : {}) });
}

/** A divider between two panes; its name says which it resizes ("Resize the navigator"). */
export function Divider({ label, orientation }: { label: string; orientation: 'horizontal' | 'vertical' }) {
  return <Separator className={`divider divider-${orientation}`} aria-label={label} />;
}
