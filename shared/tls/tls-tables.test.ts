// The TLS tables against OpenSSL's own: every suite OpenSSL 3 offers by default, and every one
// Node's default list offers, has the IANA name OpenSSL gives it; unknown codes read as numbers.
import { execFileSync } from 'node:child_process';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { alertDescription, CIPHER_SUITES, cipherSuiteName, isGrease, versionName } from './tls-tables';

/** Code and IANA name of each suite `openssl ciphers -s` lists for `list`: those a peer would offer. */
function opensslSuites(list: string): [number, string][] {
  const lines = execFileSync('openssl', ['ciphers', '-s', '-V', '-stdname', list], { encoding: 'utf8' }).trim().split('\n');
  return lines.map((line) => {
    const [code, , name] = line.trim().split(/\s+/);
    const [high, low] = code.split(',').map((byte) => Number.parseInt(byte, 16));
    return [(high << 8) | low, name];
  });
}

describe('TLS tables', () => {
  it('names every suite OpenSSL offers by default, and Node’s default list, as OpenSSL does', () => {
    for (const list of ['DEFAULT', tls.DEFAULT_CIPHERS]) {
      const suites = opensslSuites(list);
      expect(suites.length).toBeGreaterThan(20);
      for (const [code, name] of suites) expect(CIPHER_SUITES[code], name).toBe(name);
    }
  });

  it('reads what it has no name for as a number, GREASE as such', () => {
    expect(cipherSuiteName(0x1301)).toBe('TLS_AES_128_GCM_SHA256');
    expect(cipherSuiteName(0x0001)).toBe('0x0001');
    expect(cipherSuiteName(0x2a2a)).toBe('GREASE 0x2a2a');
    expect(versionName(0x0304)).toBe('TLS 1.3');
    expect(versionName(0x7f17)).toBe('0x7f17');
    expect(alertDescription(48)).toBe('unknown_ca');
    expect(alertDescription(200)).toBe('alert 200');
    expect([0x0a0a, 0xfafa, 0x0a1a, 0x1301].map(isGrease)).toEqual([true, true, false, false]);
  });
});
