// The broker's certificate chain as a person reads it: subject, issuer, validity, fingerprint.
import type { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, PeerCertificate } from 'node:tls';
import type { CertificateInfo } from '@shared/model/trace';

function names(fields: Record<string, string | string[]> | undefined): string {
  return Object.entries(fields ?? {})
    .map(([key, value]) => `${key}=${[value].flat().join('+')}`)
    .join(', ');
}

function describeCertificate(cert: PeerCertificate): CertificateInfo {
  return {
    subject: names(cert.subject as unknown as Record<string, string>),
    issuer: names(cert.issuer as unknown as Record<string, string>),
    ...(cert.subjectaltname ? { subjectAltNames: cert.subjectaltname } : {}),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256,
  };
}

export function certificateChain(leaf: DetailedPeerCertificate): CertificateInfo[] {
  const chain: CertificateInfo[] = [];
  const seen = new Set<string>();
  for (let cert: DetailedPeerCertificate | undefined = leaf; cert && cert.fingerprint256 && !seen.has(cert.fingerprint256); cert = cert.issuerCertificate) {
    seen.add(cert.fingerprint256);
    chain.push(describeCertificate(cert));
  }
  return chain;
}

/** A certificate read off the wire (a captured handshake), shown as a connection's chain shows it. */
export function certificateInfo(cert: X509Certificate): CertificateInfo {
  // The legacy object is what a TLS socket gives for its peer: the same names in the same form.
  return describeCertificate(cert.toLegacyObject());
}
