// The theme kept across reloads: only a known theme is read back.
import { describe, expect, it } from 'vitest';
import { readKeptTheme } from './theme-slice';
import { useStore } from './index';

const storage = (value: string | null) => ({ getItem: () => value });

describe('the theme', () => {
  it('reads a kept theme back, and anything else as following the OS', () => {
    expect(readKeptTheme(storage('dark'))).toBe('dark');
    expect(readKeptTheme(storage('light'))).toBe('light');
    expect(readKeptTheme(storage('purple'))).toBe('system');
    expect(readKeptTheme(storage(null))).toBe('system');
    expect(readKeptTheme(undefined)).toBe('system');
    expect(readKeptTheme({ getItem: () => { throw new Error('denied'); } })).toBe('system');
  });

  it('is set in the store, outside a page too', () => {
    useStore.getState().setTheme('dark');
    expect(useStore.getState().theme).toBe('dark');
  });
});
