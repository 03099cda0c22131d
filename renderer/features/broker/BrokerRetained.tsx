// The retained messages the embedded broker holds, read when its sessions change or when asked,
// each one purged once confirmed (the broker publishes an empty retained message to its topic).
import { useState } from 'react';
import { useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { useLatestRead } from './useLatestRead';

export function BrokerRetained() {
  const api = useStore((state) => state.api);
  const stamp = useStore((state) => state.sessionsStamp);
  const [asked, setAsked] = useState(0);
  // Read again at most every REREAD_MS while the broker keeps changing (a debounce here was
  // starved by a broker that never stopped), the newest answer shown.
  const { value: retained, error: readError } = useLatestRead(api ? () => api.request('broker.retained', {}) : undefined, [api, stamp, asked]);
  const [confirming, setConfirming] = useState<string>();
  const { busy, error, run } = useAction();

  const purge = (topic: string) =>
    run(async () => {
      await api!.request('broker.purgeRetained', { topic });
      setConfirming(undefined);
      setAsked((count) => count + 1);
    });

  return (
    <div className="broker-retained">
      <h3>Retained messages</h3>
      <button type="button" className="small" onClick={() => setAsked((count) => count + 1)} disabled={busy}>
        Read retained messages again
      </button>
      {retained && retained.length === 0 && <p className="muted">None.</p>}
      <ul className="retained-list" aria-label="Broker retained messages">
        {(retained ?? []).map((message) => (
          <li key={message.topic} aria-label={message.topic}>
            <code>{message.topic}</code> <span>{message.preview}</span> <span className="muted">QoS {message.qos}, {message.bytes} B</span>
            {confirming === message.topic ? (
              <span className="confirm" role="group" aria-label={`Purge ${message.topic}?`}>
                Drop it from the broker?{' '}
                <button type="button" className="small danger" disabled={busy} onClick={() => void purge(message.topic)}>
                  Purge it
                </button>{' '}
                <button type="button" className="small" onClick={() => setConfirming(undefined)}>
                  Keep it
                </button>
              </span>
            ) : (
              <button type="button" className="small" onClick={() => setConfirming(message.topic)}>
                Purge
              </button>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert error={error ?? readError} />
    </div>
  );
}
