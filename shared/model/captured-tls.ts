// What a capture's view of a TLS handshake says went wrong: the fatal alert one side sent, in
// words, with what to try. Rules by alert, as data.
import type { Diagnosis } from './diagnosis';
import type { LifecycleEvent } from './trace';

type TlsStep = Extract<LifecycleEvent, { phase: 'tls' }>;

const ALERT_HINTS: Record<string, { title: string; hint: string }> = {
  unknown_ca: { title: 'The client does not trust the CA that signed the broker’s certificate', hint: 'Give the device the CA certificate that signed the broker’s (its --cafile / trust store), or give the broker a certificate from a CA the device trusts.' },
  bad_certificate: { title: 'The client rejected the broker’s certificate', hint: 'Check the certificate chain the broker sends and the CA the device trusts; compare the host name the device asked for (SNI) with the names in the certificate.' },
  certificate_expired: { title: 'A certificate has expired', hint: 'Renew the expired certificate (see the chain’s dates), or check the device’s clock.' },
  certificate_unknown: { title: 'The certificate was not accepted', hint: 'Check the chain against what the other side trusts, and the host name asked for (SNI).' },
  unsupported_certificate: { title: 'The certificate is of a kind the other side does not support', hint: 'Check the certificate’s key type and signature algorithm against what the device supports.' },
  handshake_failure: { title: 'The two sides agreed on no TLS parameters', hint: 'Compare the versions and cipher suites the client offered with what the broker allows; a broker asking for a client certificate the device did not send also ends so.' },
  protocol_version: { title: 'The two sides share no TLS version', hint: 'Compare the versions the client offered with the broker’s tls_version (or minimum version).' },
  certificate_required: { title: 'The broker requires a client certificate and got none', hint: 'Give the device its client certificate and key, or stop requiring one on the broker.' },
  unrecognized_name: { title: 'The broker does not know the host name the client asked for (SNI)', hint: 'Connect with a host name the broker serves, or set the SNI the device sends.' },
  decrypt_error: { title: 'A handshake signature or key exchange did not check', hint: 'Often a client certificate whose key does not match, or a certificate and key that are not a pair on the broker.' },
};

/**
 * A captured TLS connection, diagnosed: a handshake that did not go on, by its alert; one that
 * went on and then ended in an error (a reset), by that end, whose cause is inside the encryption.
 */
export function diagnoseCapturedTls(step: TlsStep, endError?: { code?: string; message: string }): Diagnosis | undefined {
  const passive = step.passive;
  if (!passive) return undefined;
  if (step.authorized) {
    if (!endError) return undefined;
    return {
      layer: 'TCP',
      title: 'The connection ended in an error after its TLS handshake',
      detail: endError.message,
      hint: 'What came before it is encrypted, so its cause is not in the capture: the device’s or the broker’s log says why. Many clients (mosquitto_sub among them) end a TLS connection with a reset when they exit.',
    };
  }
  const fatal = passive.alerts.find((alert) => alert.level === 'fatal');
  const rule = fatal ? ALERT_HINTS[fatal.description] : undefined;
  const who = fatal?.from === 'client' ? 'The client' : 'The broker';
  return {
    layer: 'TLS',
    title: rule?.title ?? (fatal ? `${who} ended the TLS handshake: ${fatal.description}` : 'The TLS handshake did not complete'),
    detail: step.authorizationError ?? 'The TLS handshake did not complete.',
    hint: rule?.hint ?? 'Compare what the client offered with what the broker chose (above); the broker’s log says more.',
  };
}
