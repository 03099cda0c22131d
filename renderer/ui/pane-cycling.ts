// F6 moves the focus to the next pane (Shift+F6 the previous), as in desktop apps and browsers:
// navigator, main view, packet list, field tree, bytes, drawer — whichever are shown, in the
// page's order. A pane is any element marked `data-pane`; the focus lands on the pane's first
// focusable element, or on the pane itself.
import { useEffect } from 'react';

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

export function nextPaneIndex(current: number, count: number, backwards: boolean): number {
  if (count === 0) return -1;
  if (current < 0) return backwards ? count - 1 : 0;
  return (current + (backwards ? count - 1 : 1)) % count;
}

/** A pane the person can see and reach: laid out, not folded to nothing (a collapsed navigator),
 *  not made inert. */
function isShown(pane: HTMLElement): boolean {
  return pane.offsetParent !== null && pane.offsetWidth > 0 && pane.offsetHeight > 0 && pane.closest('[inert]') === null;
}

export function focusPane(pane: HTMLElement): void {
  // The first one shown: a pane may hold a hidden view first (the main view keeps the form).
  const target = [...pane.querySelectorAll<HTMLElement>(FOCUSABLE)].find((element) => element.offsetParent !== null);
  if (target) return target.focus();
  if (!pane.hasAttribute('tabindex')) pane.tabIndex = -1;
  pane.focus();
}

export function usePaneCycling(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'F6' || event.ctrlKey || event.metaKey || event.altKey) return;
      const panes = [...document.querySelectorAll<HTMLElement>('[data-pane]')].filter(isShown);
      // The innermost pane holding the focus counts (the field tree inside the connection view):
      // panes come in the page's order, so it is the last that holds it.
      const innermost = panes.reduce((found, pane, index) => (pane.contains(document.activeElement) ? index : found), -1);
      const next = nextPaneIndex(innermost, panes.length, event.shiftKey);
      if (next < 0) return;
      event.preventDefault();
      // Before a divider sees it: its own F6 would step to the next divider instead of a pane.
      event.stopPropagation();
      focusPane(panes[next]);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
