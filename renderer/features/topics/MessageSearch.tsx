// Text in the messages received: the packet list's own text filter in the engine (over the bytes
// of each PUBLISH towards the client, topic and payload), newest matches first; each opens its
// packet.
import { useEffect, useState } from 'react';
import { MessageList } from './MessageList';
import { formatCount } from '../../ui/format';
import { useEngineAnswer } from './useEngineAnswer';

const TEXT_PAUSE_MS = 300;
const SHOWN = 50;
const RECEIVED = { type: 'PUBLISH', dir: 's2c' } as const;

export function MessageSearch() {
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setText(typed), TEXT_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const { answer, error } = useEngineAnswer(
    text === ''
      ? undefined
      : async (api, id) => {
          // The matches' count first, then the newest of them (the scan is kept: asked once).
          const { total } = await api.request('sessions.rows', { id, from: 0, count: 1, ...RECEIVED, text });
          const { rows } = await api.request('sessions.rows', { id, from: Math.max(0, total - SHOWN), count: SHOWN, ...RECEIVED, text });
          return { rows: rows.reverse(), total };
        },
    text,
  );
  return (
    <div className="message-search">
      <label className="inline-label">
        Find in messages{' '}
        <input type="search" value={typed} maxLength={256} placeholder="payload or topic text" spellCheck={false} onChange={(event) => setTyped(event.target.value)} />
      </label>
      {error && <p className="field-error">{error}</p>}
      {text !== '' && answer && (
        <>
          <p className="muted" aria-live="polite">
            {answer.total === 0 ? 'No message received holds this text.' : `${formatCount(answer.total)} ${answer.total === 1 ? 'message holds' : 'messages hold'} it${answer.total > SHOWN ? `; the newest ${SHOWN}` : ''}`}
          </p>
          <MessageList rows={answer.rows} label="Messages found" />
        </>
      )}
    </div>
  );
}
