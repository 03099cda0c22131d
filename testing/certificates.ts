// A certificate authority and a broker certificate made at test time with openssl.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestCertificates {
  caFile: string;
  certFile: string;
  keyFile: string;
  caPem: string;
}

/** A CA, and a server certificate it signs for the given names (`DNS:localhost`, `IP:…`). */
export function makeCertificates(dir: string, altNames = ['DNS:localhost']): TestCertificates {
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=MQTT Scope Test CA', '-keyout', file('ca.key'), '-out', file('ca.crt'));
  openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=localhost', '-keyout', file('server.key'), '-out', file('server.csr'));
  writeFileSync(file('server.ext'), `subjectAltName=${altNames.join(',')}\n`);
  openssl('x509', '-req', '-in', file('server.csr'), '-CA', file('ca.crt'), '-CAkey', file('ca.key'), '-CAcreateserial', '-days', '2', '-extfile', file('server.ext'), '-out', file('server.crt'));
  return { caFile: file('ca.crt'), certFile: file('server.crt'), keyFile: file('server.key'), caPem: readFileSync(file('ca.crt'), 'utf8') };
}
