// The TLS handshake of a connection over TLS: the version and cipher chosen, the certificate chain
// with its dates, and whether it was trusted. For a captured connection, what only a capture
// sees too — the host name asked for (SNI), what the client offered, the alerts — and why the
// MQTT inside cannot be read.
import type { CertificateInfo, LifecycleEvent } from '@shared/model/trace';
import { useActiveConnection } from '../../store';

type TlsStep = Extract<LifecycleEvent, { phase: 'tls' }>;

/** Whether a certificate is valid at `at`, in words; undefined when it is. */
function validityProblem(certificate: CertificateInfo, at: number): string | undefined {
  const from = Date.parse(certificate.validFrom);
  const to = Date.parse(certificate.validTo);
  if (Number.isFinite(to) && at > to) return 'expired';
  if (Number.isFinite(from) && at < from) return 'not valid yet';
  return undefined;
}

function Chain({ chain, at }: { chain: CertificateInfo[]; at: number }) {
  return (
    <ol className="tls-chain" aria-label="Certificate chain">
      {chain.map((certificate, index) => {
        const problem = validityProblem(certificate, at);
        return (
          <li key={certificate.fingerprint256 || index}>
            <strong>{certificate.subject}</strong>
            {certificate.subjectAltNames && <span className="muted"> [{certificate.subjectAltNames}]</span>}
            <br />
            <span className="muted">issued by</span> {certificate.issuer}
            <br />
            <span className={problem ? 'tls-invalid' : 'muted'}>
              valid {certificate.validFrom} – {certificate.validTo}
              {problem ? ` (${problem})` : ''}
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function verdict(tls: TlsStep): string {
  if (tls.passive) return tls.authorized ? 'completed: the client went on' : (tls.authorizationError ?? 'did not complete');
  return tls.authorized ? 'the broker’s certificate is trusted' : `NOT trusted: ${tls.authorizationError ?? 'unknown reason'}`;
}

export function TlsCard() {
  const connection = useActiveConnection();
  const story = connection?.story;
  const tls = story?.tls;
  if (!story || !tls) return null;
  const passive = tls.passive;
  const when = story.phases.find((phase) => phase.name === 'TLS handshake')?.end ?? Date.now();
  return (
    <section className={`card tls ${tls.authorized ? 'tls-trusted' : 'tls-refused'}`} aria-labelledby="tls-title">
      <h2 id="tls-title">TLS handshake</h2>
      <p>
        <strong>{verdict(tls)}</strong>
      </p>
      {passive && <p className="muted">The MQTT inside is encrypted: a capture sees this handshake, not the CONNECT or the CONNACK.</p>}
      <dl className="connack-fields">
        {passive?.serverName !== undefined && (
          <>
            <dt>Server name (SNI)</dt>
            <dd>{passive.serverName}</dd>
          </>
        )}
        <dt>Version</dt>
        <dd>
          {tls.protocol}
          {passive && passive.offeredVersions.length > 0 && <span className="muted"> (offered {passive.offeredVersions.join(', ')})</span>}
        </dd>
        <dt>Cipher</dt>
        <dd>{tls.cipher}</dd>
        {(tls.alpn || passive?.alpnOffered) && (
          <>
            <dt>ALPN</dt>
            <dd>
              {tls.alpn ?? 'none chosen'}
              {passive?.alpnOffered && <span className="muted"> (offered {passive.alpnOffered.join(', ')})</span>}
            </dd>
          </>
        )}
        {passive && passive.alerts.length > 0 && (
          <>
            <dt>Alerts</dt>
            <dd>
              <ul className="tls-alerts" aria-label="TLS alerts">
                {passive.alerts.map((alert, index) => (
                  <li key={index}>
                    {alert.from === 'client' ? 'client' : 'broker'}: {alert.level} {alert.description}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {tls.chain.length > 0 ? (
        <Chain chain={tls.chain} at={when} />
      ) : (
        passive?.certificatesHidden && <p className="muted">TLS 1.3 encrypts the certificates: a capture cannot see them (the client’s own log, or a TLS 1.2 test, shows the chain).</p>
      )}
    </section>
  );
}
