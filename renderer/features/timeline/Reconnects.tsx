// The connections this app made with the same client id, in order, with what each asked
// (clean session) and got (session present): where a persistent session shows, or does not.
import { useMemo } from 'react';
import { reconnectsByClientId } from '@shared/model/session-checks';
import { useStore } from '../../store';
import { storiesAlike, type ConnectionView } from '../../store/connections-slice';

export function Reconnects({ connection }: { connection: ConnectionView }) {
  const connections = useStore((state) => state.connections);
  const activate = useStore((state) => state.activate);
  const group = useMemo(() => {
    const stories = storiesAlike(connections, connection);
    return reconnectsByClientId(stories).find((candidate) => candidate.connections.some((item) => item.connectionId === connection.id));
  }, [connections, connection]);
  if (!group || group.connections.length < 2) return null;
  const cleanWord = connection.story.connect?.protocolLevel === 5 ? 'clean start' : 'clean session';
  return (
    <ol className="reconnects" aria-label={`Connections of client id ${group.clientId}`}>
      {group.connections.map((item, index) => (
        <li key={item.connectionId} className={item.connectionId === connection.id ? 'current' : ''}>
          <button type="button" className="small" aria-current={item.connectionId === connection.id || undefined} onClick={() => activate(item.connectionId)}>
            Connection {index + 1}: {cleanWord} {item.clean ? 1 : 0}, session present {item.sessionPresent ? 1 : 0}
          </button>
        </li>
      ))}
    </ol>
  );
}
