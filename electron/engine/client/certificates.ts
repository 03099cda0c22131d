// The broker's certificate chain as a person reads it: subject, issuer, validity, fingerprint.
import type { DetailedPeerCertificate } from 'node:tls';
import type { CertificateInfo } from '@shared/model/trace';

function names(fields: Record<string, string | string[]> | undefined): string {
  return Object.entries(fields ?? {})
    .map(([key, value]) => `${key}=${[value].flat().join('+')}`)
    .join(', ');
}

export function certificateChain(leaf: DetailedPeerCertificate): CertificateInfo[] {
  const chain: CertificateInfo[] = [];
  const seen = new Set<string>();
  for (let cert: DetailedPeerCertificate | undefined = leaf; cert && cert.fingerprint256 && !seen.has(cert.fingerprint256); cert = cert.issuerCertificate) {
    seen.add(cert.fingerprint256);
    chain.push({
      subject: names(cert.subject as unknown as Record<string, string>),
      issuer: names(cert.issuer as unknown as Record<string, string>),
      ...(cert.subjectaltname ? { subjectAltNames: cert.subjectaltname } : {}),
      validFrom: cert.valid_from,
      validTo: cert.valid_to,
      fingerprint256: cert.fingerprint256,
    });
  }
  return chain;
}
