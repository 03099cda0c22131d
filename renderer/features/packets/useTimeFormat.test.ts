// The time format outlives a reload; storage that is missing, refuses or holds junk never breaks the list.
import { describe, expect, it } from 'vitest';
import { keepTimeFormat, readKeptTimeFormat } from './useTimeFormat';

describe('the kept time format', () => {
  const storage = (value: string | null) => ({ getItem: () => value });

  it('reads the format kept, and the default for anything else', () => {
    expect(readKeptTimeFormat(storage('wall-clock'))).toBe('wall-clock');
    expect(readKeptTimeFormat(storage('since-previous'))).toBe('since-previous');
    expect(readKeptTimeFormat(storage(null))).toBe('since-start');
    expect(readKeptTimeFormat(storage('{"not":"a format"}'))).toBe('since-start');
    expect(readKeptTimeFormat(undefined)).toBe('since-start');
    expect(readKeptTimeFormat({ getItem: () => { throw new Error('denied'); } })).toBe('since-start');
  });

  it('keeps a choice, and shrugs off storage that refuses it', () => {
    const kept = new Map<string, string>();
    keepTimeFormat({ setItem: (key, value) => void kept.set(key, value) }, 'since-previous');
    expect(readKeptTimeFormat({ getItem: (key) => kept.get(key) ?? null })).toBe('since-previous');
    expect(() => keepTimeFormat({ setItem: () => { throw new Error('quota'); } }, 'wall-clock')).not.toThrow();
  });
});
