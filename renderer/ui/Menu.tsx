// A menu behind one button (Radix's dropdown: arrow keys, type-ahead, Escape, focus returned):
// "Copy as…", "Save as…", a row's actions. The button's name says what the menu is for.
import * as DropdownMenu from '@radix-ui/react-dropdown-menu';
import type { ReactNode } from 'react';

export interface MenuEntry {
  label: string;
  onSelect(): void;
  disabled?: boolean;
  danger?: boolean;
  /** Why it is disabled, or what it does, shown as its title. */
  hint?: string;
}

interface MenuProps {
  /** The button's accessible name. */
  label: string;
  entries: readonly MenuEntry[];
  /** What the button shows: an icon, or an icon and words. */
  children: ReactNode;
  className?: string;
  disabled?: boolean;
}

export function Menu({ label, entries, children, className = 'icon-button', disabled }: MenuProps) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild disabled={disabled}>
        <button type="button" className={className} aria-label={label} title={label}>
          {children}
        </button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={4} aria-label={label}>
          {entries.map((entry) => (
            <DropdownMenu.Item key={entry.label} className={`menu-item${entry.danger ? ' danger' : ''}`} disabled={entry.disabled} title={entry.hint} onSelect={entry.onSelect}>
              {entry.label}
            </DropdownMenu.Item>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
