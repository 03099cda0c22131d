// The CONNACK decoded: session present and the return (3.x) or reason (5) code with its meaning;
// for MQTT 5, the handshake's properties side by side. A connection that ended without one says
// so, and where it stopped.
import { connackPropertyRows, PROPERTY_GROUP_TITLES, type PropertyGroup, type PropertyRow } from '@shared/model/connack-properties';
import type { SessionStory } from '@shared/model/session-story';
import { useActiveConnection } from '../../store';

/** Why there is no CONNACK: still waiting, or the connection is over and never got one. */
function missingConnack(story: SessionStory | undefined): string {
  if (!story) return 'No connection chosen.';
  if (story.joinedOpen && !story.connect) return 'No CONNACK seen: the capture began while this connection was open, after its handshake.';
  if (!story.end) return 'Waiting for the CONNACK…';
  const layer = story.diagnosis?.layer;
  if (!story.connect) return `No CONNACK: the connection ended before a CONNECT was sent${layer ? `, at the ${layer} layer` : ''}.`;
  return 'No CONNACK: the connection ended without an answer to the CONNECT.';
}

function PropertyTable({ rows }: { rows: PropertyRow[] }) {
  const groups = [...new Set(rows.map((row) => row.group))] as PropertyGroup[];
  return (
    <table className="asked-granted" aria-label="CONNECT and CONNACK properties">
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Client (CONNECT)</th>
          <th scope="col">Broker (CONNACK)</th>
        </tr>
      </thead>
      {groups.map((group) => (
        <tbody key={group} aria-label={PROPERTY_GROUP_TITLES[group]}>
          <tr className="group">
            <th scope="colgroup" colSpan={3}>{PROPERTY_GROUP_TITLES[group]}</th>
          </tr>
          {rows
            .filter((row) => row.group === group)
            .map((row) => (
              <tr key={row.name}>
                <th scope="row">{row.name}</th>
                {row.client === undefined ? <td colSpan={2}>{row.broker}</td> : (
                  <>
                    <td>{row.client}</td>
                    <td>{row.broker}</td>
                  </>
                )}
              </tr>
            ))}
        </tbody>
      ))}
    </table>
  );
}

export function ConnackCard() {
  const connection = useActiveConnection();
  const story = connection?.story;
  const connack = story?.connack;
  // A capture of MQTT over TLS has no CONNACK to read: the TLS handshake card says why.
  if (story?.tls?.passive && !connack) return null;
  return (
    <section className={`card connack${connack ? (connack.accepted ? ' connack-accepted' : ' connack-refused') : ''}`} aria-labelledby="connack-title">
      <h2 id="connack-title">CONNACK</h2>
      {!connack ? (
        <p className="muted">{missingConnack(story)}</p>
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
          {connack.protocolLevel === 5 && story?.connect && (
            <PropertyTable rows={connackPropertyRows({ clientId: story.connect.clientId, keepAlive: story.connect.keepAlive, asked: story.connect.properties, granted: connack.properties })} />
          )}
        </>
      )}
    </section>
  );
}
