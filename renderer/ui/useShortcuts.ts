// App-wide shortcuts: Ctrl/⌘+Enter connects, Ctrl/⌘+. disconnects. They press the buttons, so
// the same checks and disabled states apply. (j/k step through packets: see the packet list.)
// Ctrl/⌘+Enter belongs to the form the focus is in when that form has its own submit (Publish,
// Subscribe…): it connects only from the connection form or from outside every form.
import { useEffect } from 'react';
import type { MenuCommand } from '@shared/contract';

const SHORTCUTS: { key: string; button: MenuCommand; yieldsToForms?: boolean }[] = [
  { key: 'Enter', button: 'connect', yieldsToForms: true },
  { key: '.', button: 'disconnect' },
];

/** True when the key press came from inside a form or region that submits on its own, i.e. one
 *  marked `data-own-submit`, or a form the button is not part of. */
export function ownedByAnotherForm(target: EventTarget | null, button: Element | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('[data-own-submit]')) return true;
  const form = target.closest('form');
  return !!form && !(button && form.contains(button));
}

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
      if (event.defaultPrevented || !(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
      const shortcut = SHORTCUTS.find((candidate) => candidate.key === event.key);
      if (!shortcut) return;
      if (shortcut.yieldsToForms && ownedByAnotherForm(event.target, document.querySelector(`[data-shortcut="${shortcut.button}"]`))) return;
      if (pressShortcutButton(shortcut.button)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
