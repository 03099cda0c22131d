import { describe, expect, it } from 'vitest';
import { readCap, shownCap } from './store-cap';
import { DEFAULT_TRACE_CAP_BYTES } from '@shared/limits';

describe('the size cap as typed', () => {
  it('reads MB and GB of 1,024, at least 1 MB', () => {
    expect(readCap('2', 'GB')).toEqual({ bytes: DEFAULT_TRACE_CAP_BYTES });
    expect(readCap(' 1.5 ', 'MB')).toEqual({ bytes: 1.5 * 1024 * 1024 });
    expect(readCap('1', 'MB')).toEqual({ bytes: 1024 * 1024 });
    expect(readCap('0.99', 'MB')).toEqual({ error: 'The size cap is at least 1 MB' });
    expect(readCap('', 'GB')).toEqual({ error: 'The size cap is a number, such as 2 or 500' });
    expect(readCap('-3', 'GB')).toEqual({ error: 'The size cap is a number, such as 2 or 500' });
    expect(readCap('1e3', 'GB')).toEqual({ error: 'The size cap is a number, such as 2 or 500' });
    expect(readCap('99999999999', 'GB')).toEqual({ error: 'The size cap is too large' });
  });

  it('shows a cap in GB when it is whole GB, else in MB', () => {
    expect(shownCap(DEFAULT_TRACE_CAP_BYTES)).toEqual({ text: '2', unit: 'GB' });
    expect(shownCap(1536 * 1024 * 1024 + 512 * 1024)).toEqual({ text: '1536.5', unit: 'MB' });
  });
});
