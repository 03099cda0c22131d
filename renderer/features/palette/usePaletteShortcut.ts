// Ctrl+K (⌘+K on a Mac) opens the command palette from anywhere, a text field too, and closes it
// again. Only K with Ctrl or ⌘ alone is taken: the app's other shortcuts (useShortcuts, the
// packet list's j/k) never see it and keep theirs.
import { useEffect } from 'react';
import { useStore } from '../../store';

export function isPaletteShortcut(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): boolean {
  return event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

export function usePaletteShortcut(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isPaletteShortcut(event)) return;
      // The browser's own Ctrl+K (its search bar) would take the focus away.
      event.preventDefault();
      const { paletteOpen, setPaletteOpen } = useStore.getState();
      setPaletteOpen(!paletteOpen);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
