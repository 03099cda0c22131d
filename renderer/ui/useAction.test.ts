// Ports typed in a panel, checked with the port's one message at its edges.
import { describe, expect, it } from 'vitest';
import { portOrAnyFree, portTyped } from './useAction';

describe('a port typed in a panel', () => {
  it('to listen on: empty or 0 is any free port, 65535 the last, 65536 refused', () => {
    expect(portOrAnyFree('', 'Listen port')).toBe(0);
    expect(portOrAnyFree('0', 'Listen port')).toBe(0);
    expect(portOrAnyFree('65535', 'Listen port')).toBe(65_535);
    expect(() => portOrAnyFree('65536', 'Listen port')).toThrow('Listen port must be a whole number from 0 to 65535 (0: any free port)');
    expect(() => portOrAnyFree('1.5', 'Listen port')).toThrow('Listen port must be a whole number from 0 to 65535 (0: any free port)');
  });

  it('to connect to: 1 to 65535', () => {
    expect(portTyped('1', 'Forward-to port')).toBe(1);
    expect(portTyped('65535', 'Forward-to port')).toBe(65_535);
    for (const text of ['0', '', '65536']) expect(() => portTyped(text, 'Forward-to port')).toThrow('Forward-to port must be a whole number from 1 to 65535');
  });
});
