import { describe, expect, it } from 'vitest';
import { diagnoseCapturedTls } from './captured-tls';
import type { LifecycleEvent } from './trace';

type TlsStep = Extract<LifecycleEvent, { phase: 'tls' }>;

const completed: TlsStep = {
  phase: 'tls',
  protocol: 'TLS 1.2',
  cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  authorized: true,
  chain: [],
  durationMs: 2,
  passive: { serverName: 'broker.local', offeredVersions: ['TLS 1.2'], alerts: [], handshakeComplete: true },
};
const reset = { code: 'ECONNRESET', message: 'The client reset the connection (TCP RST)' };

describe('a captured TLS connection, diagnosed', () => {
  it('a handshake that went on and a connection that ended cleanly: nothing to say', () => {
    expect(diagnoseCapturedTls(completed)).toBeUndefined();
  });

  it('a handshake that went on, then a reset: the end, its cause inside the encryption', () => {
    expect(diagnoseCapturedTls(completed, reset)).toMatchObject({ layer: 'TCP', title: 'The connection ended in an error after its TLS handshake', detail: reset.message });
  });

  it('a handshake ended by an alert: the alert in words, whatever the end', () => {
    const refused: TlsStep = { ...completed, authorized: false, authorizationError: 'The client refused the broker’s TLS handshake: unknown_ca (alert 48)', passive: { ...completed.passive!, handshakeComplete: false, alerts: [{ from: 'client', level: 'fatal', description: 'unknown_ca' }] } };
    expect(diagnoseCapturedTls(refused, reset)).toMatchObject({ layer: 'TLS', title: 'The client does not trust the CA that signed the broker’s certificate' });
  });

  it('an own connection’s TLS step (not captured) is not this diagnosis’s to read', () => {
    expect(diagnoseCapturedTls({ ...completed, passive: undefined }, reset)).toBeUndefined();
  });
});
