// The CONNACK decoded: session present and the return (3.x) or reason (5) code with its meaning.
import { useActiveConnection } from '../../store';

export function ConnackCard() {
  const connection = useActiveConnection();
  const connack = connection?.connack;
  return (
    <section className={`card connack${connack ? (connack.accepted ? ' connack-accepted' : ' connack-refused') : ''}`} aria-labelledby="connack-title">
      <h2 id="connack-title">CONNACK</h2>
      {!connack ? (
        <p className="muted">{connection && connection.status === 'connecting' ? 'Waiting for the CONNACK…' : 'No CONNACK received yet.'}</p>
      ) : (
        <>
          <dl className="connack-fields">
            <dt>Session present</dt>
            <dd>
              <strong>{connack.sessionPresent ? '1' : '0'}</strong>{' '}
              <span className="muted">
                {connack.sessionPresent ? '(the broker resumed a stored session)' : '(no stored session was resumed)'}
              </span>
            </dd>
            <dt>{connack.protocolLevel === 5 ? 'Reason code' : 'Return code'}</dt>
            <dd>
              <strong>{connack.codeText}</strong> {connack.name}
            </dd>
          </dl>
          <p className="connack-explanation">{connack.explanation}</p>
        </>
      )}
    </section>
  );
}
