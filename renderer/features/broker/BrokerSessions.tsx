// The sessions the embedded broker keeps: live and persisted, with subscriptions, queued
// messages and will, read again whenever the broker says they changed.
import { useEffect, useRef, useState } from 'react';
import type { BrokerSession, MessagePreview } from '@shared/model/broker';
import { useStore } from '../../store';

/** Reading the sessions again at most this often while they keep changing. */
const REFRESH_MS = 250;

const preview = (message: MessagePreview) => `${message.topic} QoS ${message.qos}${message.retain ? ' retain' : ''}: ${message.preview}`;

export function BrokerSessions() {
  const api = useStore((state) => state.api);
  const stamp = useStore((state) => state.sessionsStamp);
  const [sessions, setSessions] = useState<BrokerSession[]>([]);
  const [error, setError] = useState<string>();

  // A read is due REFRESH_MS after the first change it will see, never pushed back by the next
  // one: changes that keep coming (a busy broker) must not keep the view from being read.
  const due = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => {
    if (!api || due.current) return;
    due.current = setTimeout(() => {
      due.current = undefined;
      api.request('broker.sessions', {}).then(
        (read) => {
          setSessions(read);
          setError(undefined);
        },
        (failure: Error) => setError(failure.message),
      );
    }, REFRESH_MS);
  }, [api, stamp]);
  useEffect(
    () => () => {
      clearTimeout(due.current);
      due.current = undefined;
    },
    [],
  );

  async function purge(clientId: string) {
    try {
      await api!.request('broker.purgeSession', { clientId });
    } catch (failure) {
      setError((failure as Error).message);
    }
  }

  return (
    <div className="broker-sessions">
      <h3>Sessions</h3>
      {error && <p className="field-error">{error}</p>}
      {sessions.length === 0 ? (
        <p className="muted">No sessions.</p>
      ) : (
        <ul className="session-list" aria-label="Sessions">
          {sessions.map((session) => (
            <li key={session.clientId} aria-label={`Session ${session.clientId}`}>
              <strong>{session.clientId}</strong>{' '}
              <span className="muted">
                {session.connected ? 'connected' : 'not connected (stored)'} · {session.clean ? 'clean' : 'persistent'}
              </span>
              <dl>
                <dt>Subscriptions</dt>
                <dd>{session.subscriptions.length ? session.subscriptions.map((item) => `${item.topic} (QoS ${item.qos})`).join(', ') : 'none'}</dd>
                <dt>Queued messages</dt>
                <dd>
                  {session.queued.length}
                  {session.queued.length > 0 && (
                    <ul>
                      {session.queued.slice(0, 5).map((message, index) => (
                        <li key={index}>{preview(message)}</li>
                      ))}
                      {session.queued.length > 5 && <li className="muted">… {session.queued.length - 5} more</li>}
                    </ul>
                  )}
                </dd>
                <dt>Will</dt>
                <dd>{session.will ? preview(session.will) : 'none'}</dd>
              </dl>
              {!session.connected && (
                <button type="button" className="small" onClick={() => void purge(session.clientId)}>
                  Purge session {session.clientId}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
