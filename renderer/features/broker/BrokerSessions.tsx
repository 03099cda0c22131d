// The sessions the embedded broker keeps: live and persisted, with subscriptions, queued
// messages and will, read again whenever the broker says they changed.
import { useState } from 'react';
import type { MessagePreview } from '@shared/model/broker';
import { useStore } from '../../store';
import { useLatestRead } from './useLatestRead';

const preview = (message: MessagePreview) => `${message.topic} QoS ${message.qos}${message.retain ? ' retain' : ''}: ${message.preview}`;

export function BrokerSessions() {
  const api = useStore((state) => state.api);
  const stamp = useStore((state) => state.sessionsStamp);
  // Read again at most every REREAD_MS while the broker keeps changing, newest answer shown.
  const { value: sessions = [], error: readError } = useLatestRead(api ? () => api.request('broker.sessions', {}) : undefined, [api, stamp]);
  const [purgeError, setPurgeError] = useState<string>();
  const error = purgeError ?? readError;

  async function purge(clientId: string) {
    try {
      setPurgeError(undefined);
      await api!.request('broker.purgeSession', { clientId });
    } catch (failure) {
      setPurgeError((failure as Error).message);
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
