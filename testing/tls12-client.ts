// A client that speaks TLS 1.2 at most, as many devices do: its OpenSSL told so by a config file
// in the environment. Its certificate chain and alerts then travel in cleartext (TLS 1.3 encrypts
// them), which is what a capture's TLS view needs to be tested against.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** The environment for a program linked with OpenSSL to use at most TLS 1.2; the file goes in `dir`. */
export function tls12OnlyEnv(dir: string): NodeJS.ProcessEnv {
  const config = path.join(dir, 'openssl-tls12.cnf');
  writeFileSync(config, 'openssl_conf = init\n[init]\nssl_conf = ssl\n[ssl]\nsystem_default = tls\n[tls]\nMaxProtocol = TLSv1.2\n');
  return { ...process.env, OPENSSL_CONF: config };
}
