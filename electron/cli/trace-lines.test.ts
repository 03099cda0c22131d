import { describe, expect, it } from 'vitest';
import { ConnectionDecoder } from '@shared/mqtt';
import type { RecordedEntry } from '@shared/model/trace';
import { textLine } from './trace-lines';

const tlsEntry = (event: Extract<RecordedEntry, { kind: 'lifecycle' }>['event']): RecordedEntry => ({ kind: 'lifecycle', connectionId: 'c', seq: 0, time: 1_000, event });

describe('textLine of a captured TLS handshake', () => {
  it('says what the client asked, what was chosen, the leaf and the verdict', () => {
    const line = textLine(
      tlsEntry({
        phase: 'tls',
        protocol: 'TLS 1.2',
        cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
        authorized: false,
        authorizationError: "The client refused the broker's TLS handshake: unknown_ca (alert 48)",
        chain: [{ subject: 'CN=localhost', issuer: 'CN=Test CA', validFrom: 'Dec  7 00:00:00 2026 GMT', validTo: 'Dec  9 00:00:00 2026 GMT', fingerprint256: 'AA' }],
        durationMs: 1.25,
        passive: { serverName: 'localhost', offeredVersions: ['TLS 1.3', 'TLS 1.2'], alerts: [{ from: 'client', level: 'fatal', description: 'unknown_ca' }], handshakeComplete: false },
      }),
      1_000,
      new ConnectionDecoder(),
    );
    expect(line).toBe(
      "+0.000 ms     TLS    TLS 1.2 TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 (1.3 ms); SNI localhost; offered TLS 1.3, TLS 1.2; certificate CN=localhost by CN=Test CA, valid Dec  7 00:00:00 2026 GMT – Dec  9 00:00:00 2026 GMT; client alert fatal unknown_ca; The client refused the broker's TLS handshake: unknown_ca (alert 48); the MQTT inside is encrypted",
    );
  });

  it('says the certificates are encrypted in TLS 1.3', () => {
    const line = textLine(tlsEntry({ phase: 'tls', protocol: 'TLS 1.3', cipher: 'TLS_AES_256_GCM_SHA384', authorized: true, chain: [], durationMs: 2, passive: { offeredVersions: ['TLS 1.3'], alerts: [], certificatesHidden: true, handshakeComplete: true } }), 1_000, new ConnectionDecoder());
    expect(line).toContain('no SNI; offered TLS 1.3; certificates encrypted (TLS 1.3); completed; the MQTT inside is encrypted');
  });
});
