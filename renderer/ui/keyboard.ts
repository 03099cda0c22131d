/** True when a key press belongs to a text field, not to the app's shortcuts. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Ctrl/⌘+Enter: submits the form or region the focus is in (the connection form's is Connect). */
export function isSubmitShortcut(event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }): boolean {
  return event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey;
}

/** A region's key handler: Ctrl/⌘+Enter inside it runs `submit`, as its own button does. */
export function onSubmitShortcut(submit: () => void) {
  return (event: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean; preventDefault(): void }) => {
    if (!isSubmitShortcut(event)) return;
    event.preventDefault();
    submit();
  };
}
