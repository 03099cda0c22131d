// A captured TLS handshake as the trace's TLS step: what the server chose and sent, whether the
// client went on (a capture cannot verify a certificate, but it sees whether the client accepted
// it or refused it with an alert), and what only a capture sees (SNI, what was offered, alerts).
import type { LifecycleEvent } from '@shared/model/trace';
import type { TlsAlert, TlsHandshakeSummary } from './tls-handshake';

type TlsStep = Extract<LifecycleEvent, { phase: 'tls' }>;

const levelName = (level: TlsAlert['level']) => (typeof level === 'number' ? `level ${level}` : level);

/** Why the handshake did not go on, in words; undefined when it completed without a fatal alert. */
function refusal(summary: TlsHandshakeSummary): string | undefined {
  const fatal = summary.alerts.find((alert) => alert.level === 'fatal');
  if (fatal) return fatal.from === 'client' ? `The client refused the broker's TLS handshake: ${fatal.description} (alert ${fatal.code})` : `The broker refused the client's TLS handshake: ${fatal.description} (alert ${fatal.code})`;
  if (!summary.handshakeComplete) return summary.alertsHidden ? 'The TLS handshake did not complete (its alerts are encrypted in TLS 1.3)' : 'The TLS handshake did not complete';
  return undefined;
}

export function tlsStep(summary: TlsHandshakeSummary, durationMs: number): TlsStep {
  const refused = refusal(summary);
  return {
    phase: 'tls',
    protocol: summary.chosenVersion ?? 'not chosen',
    cipher: summary.cipher ?? 'not chosen',
    ...(summary.alpn ? { alpn: summary.alpn } : {}),
    authorized: refused === undefined,
    ...(refused ? { authorizationError: refused } : {}),
    chain: summary.certificates,
    durationMs: Math.max(0, durationMs),
    passive: {
      ...(summary.serverName !== undefined ? { serverName: summary.serverName } : {}),
      offeredVersions: summary.offeredVersions,
      ...(summary.alpnOffered ? { alpnOffered: summary.alpnOffered } : {}),
      alerts: summary.alerts.map((alert) => ({ from: alert.from, level: levelName(alert.level), description: alert.description })),
      ...(summary.certificatesHidden ? { certificatesHidden: true } : {}),
      ...(summary.alertsHidden ? { alertsHidden: true } : {}),
      handshakeComplete: summary.handshakeComplete,
    },
  };
}
