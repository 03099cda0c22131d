// The CONNACK decoded: session present and the return (3.x) or reason (5) code with its meaning;
// for MQTT 5, what the CONNECT asked for next to what the broker granted.
import { useActiveConnection } from '../../store';

export function ConnackCard() {
  const connection = useActiveConnection();
  const story = connection?.story;
  const waiting = connection && connection.status === 'connecting';
  const connack = story?.connack;
  const asked = story?.connect?.properties ?? {};
  const granted = story?.connack?.properties ?? {};
  const names = [...new Set([...Object.keys(asked), ...Object.keys(granted)])];
  return (
    <section className={`card connack${connack ? (connack.accepted ? ' connack-accepted' : ' connack-refused') : ''}`} aria-labelledby="connack-title">
      <h2 id="connack-title">CONNACK</h2>
      {!connack ? (
        <p className="muted">{waiting ? 'Waiting for the CONNACK…' : 'No CONNACK received yet.'}</p>
      ) : (
        <>
          <dl className="connack-fields">
            <dt>Session present</dt>
            <dd>
              <strong>{connack.sessionPresent ? 'yes' : 'no'}</strong>{' '}
              <span className="muted">
                ({connack.sessionPresent ? '1: the broker resumed a stored session' : '0: no stored session was resumed'})
              </span>
            </dd>
            <dt>{connack.protocolLevel === 5 ? 'Reason code' : 'Return code'}</dt>
            <dd>
              <strong>{connack.codeText}</strong> {connack.name}
            </dd>
          </dl>
          <p className="connack-explanation">{connack.explanation}</p>
          {connack.protocolLevel === 5 && names.length > 0 && (
            <table className="asked-granted" aria-label="Asked and granted">
              <thead>
                <tr>
                  <th scope="col">Property</th>
                  <th scope="col">Asked (CONNECT)</th>
                  <th scope="col">Granted (CONNACK)</th>
                </tr>
              </thead>
              <tbody>
                {names.map((name) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>{asked[name] ?? '—'}</td>
                    <td>{granted[name] ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
