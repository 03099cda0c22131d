// Ctrl/⌘+K and nothing else opens the palette: the app's other shortcuts keep their keys.
import { describe, expect, it } from 'vitest';
import { isPaletteShortcut } from './usePaletteShortcut';

const press = (key: string, keys: { ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; shiftKey?: boolean } = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...keys });

describe('the palette shortcut', () => {
  it('is K with Ctrl or ⌘', () => {
    expect(isPaletteShortcut(press('k', { ctrlKey: true }))).toBe(true);
    expect(isPaletteShortcut(press('k', { metaKey: true }))).toBe(true);
    expect(isPaletteShortcut(press('K', { ctrlKey: true }))).toBe(true);
  });

  it('is not k alone (the previous packet), nor with Alt or Shift, nor the connect and disconnect keys', () => {
    expect(isPaletteShortcut(press('k'))).toBe(false);
    expect(isPaletteShortcut(press('k', { ctrlKey: true, altKey: true }))).toBe(false);
    expect(isPaletteShortcut(press('K', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isPaletteShortcut(press('Enter', { ctrlKey: true }))).toBe(false);
    expect(isPaletteShortcut(press('.', { ctrlKey: true }))).toBe(false);
  });
});
