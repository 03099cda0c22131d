// Who is connected to the local broker, and what it did on its own, in words. Choosing a
// client opens its connection.
import { describeAclDecision, describePacketTooLarge, type BrokerEvent } from '@shared/model/broker';
import { useStore } from '../../store';

const SHOWN_EVENTS = 12;

function words(event: BrokerEvent): string | undefined {
  switch (event.type) {
    case 'client-connected':
      return `${event.clientId || '(empty id)'} connected (${event.clean ? 'clean session' : 'persistent session'})`;
    case 'client-disconnected':
      return `${event.clientId || '(empty id)'} disconnected`;
    case 'refused':
      return `Refused a client with return code ${event.returnCode}${event.throttled ? ' (throttled)' : ''}: ${event.reason}`;
    case 'connect-timeout':
      return `Closed a connection that sent no CONNECT within ${event.seconds} s`;
    case 'packet-too-large': {
      const words = describePacketTooLarge(event);
      return words[0].toUpperCase() + words.slice(1);
    }
    case 'journal-line-skipped':
      return `Journal line ${event.line}: ${event.message}`;
    case 'keepalive-timeout':
      return `${event.clientId} sent nothing for 1.5 × its keep alive: disconnected`;
    case 'will-published':
      return `Published the will of ${event.clientId} on ${event.topic} (${event.reason})`;
    case 'session-taken-over':
      return `A new connection took over the session of ${event.clientId}`;
    case 'acl':
      return describeAclDecision(event);
    case 'sessions-changed':
      return undefined;
  }
}

export function BrokerActivity() {
  const events = useStore((state) => state.brokerEvents);
  const activate = useStore((state) => state.activate);
  const connections = useStore((state) => state.connections);
  const connected = Object.entries(useStore((state) => state.brokerClients));
  const recent = events.slice(-SHOWN_EVENTS).reverse();
  return (
    <div className="broker-activity">
      <h3>Connected clients</h3>
      {connected.length === 0 ? (
        <p className="muted">None.</p>
      ) : (
        <ul aria-label="Connected clients">
          {connected.map(([connectionId, clientId]) => (
            <li key={connectionId}>
              <button type="button" className="link" disabled={!connections[connectionId]} onClick={() => activate(connectionId)}>
                {clientId || '(empty id)'}
              </button>
            </li>
          ))}
        </ul>
      )}
      {recent.length > 0 && (
        <>
          <h3>What the broker did</h3>
          <ol className="broker-events" aria-label="Broker events">
            {recent.map((event, index) => {
              const text = words(event);
              return text && <li key={`${event.time}-${index}`}>{text}</li>;
            })}
          </ol>
        </>
      )}
    </div>
  );
}
