// App-wide shortcuts: Ctrl/⌘+Enter connects, Ctrl/⌘+. disconnects. They press the buttons, so
// the same checks and disabled states apply. (j/k step through packets: see the packet list.)
import { useEffect } from 'react';
import type { MenuCommand } from '@shared/contract';

const SHORTCUTS: { key: string; button: MenuCommand }[] = [
  { key: 'Enter', button: 'connect' },
  { key: '.', button: 'disconnect' },
];

/** Presses the button a shortcut (or the desktop app's menu) names; false when there is none. */
export function pressShortcutButton(name: MenuCommand): boolean {
  const button = document.querySelector<HTMLButtonElement>(`[data-shortcut="${name}"]`);
  if (!button) return false;
  if (!button.disabled) button.click();
  return true;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const shortcut = SHORTCUTS.find((candidate) => candidate.key === event.key);
      if (shortcut && pressShortcutButton(shortcut.button)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
