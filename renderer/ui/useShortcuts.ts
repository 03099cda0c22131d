// App-wide shortcuts: Ctrl/⌘+Enter connects, Ctrl/⌘+. disconnects. They press the buttons, so
// the same checks and disabled states apply. (j/k step through packets: see the packet list.)
import { useEffect } from 'react';

const SHORTCUTS: { key: string; button: string }[] = [
  { key: 'Enter', button: 'connect' },
  { key: '.', button: 'disconnect' },
];

export function useShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const shortcut = SHORTCUTS.find((candidate) => candidate.key === event.key);
      const button = shortcut && document.querySelector<HTMLButtonElement>(`[data-shortcut="${shortcut.button}"]`);
      if (!button) return;
      event.preventDefault();
      if (!button.disabled) button.click();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
