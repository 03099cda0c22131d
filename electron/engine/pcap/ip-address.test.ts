import { describe, expect, it } from 'vitest';
import { formatIpAddress, parseIpAddress } from './ip-address';

describe('IP addresses between text and bytes', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['::1', '::1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:db8:0:1:0:0:0:1', '2001:db8:0:1::1'],
    ['2001:db8:1:1:1:1:1:1', '2001:db8:1:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['[::]', '::'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['64:ff9b::192.0.2.1', '64:ff9b::c000:201'],
  ])('%s reads back as %s', (text, canonical) => {
    expect(formatIpAddress(parseIpAddress(text)!)).toBe(canonical);
  });

  it.each(['broker.local', '256.0.0.1', '1.2.3', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::1', ''])('%s is no address', (text) => {
    expect(parseIpAddress(text)).toBeUndefined();
  });
});
