// Ctrl/⌘+J opens or closes the live-actions drawer (as the panel in VS Code), from anywhere but a
// text field that takes the key itself.
import { useEffect } from 'react';
import { useStore } from '../../store';

export const DRAWER_SHORTCUT = 'Control+J';

export function useDrawerShortcut(): void {
  const toggle = useStore((state) => state.toggleDrawer);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'j') return;
      event.preventDefault();
      toggle();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [toggle]);
}
