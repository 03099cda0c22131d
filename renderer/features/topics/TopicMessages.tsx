// The chosen topic's messages, newest first, a page at a time; each opens its packet in the list,
// the field tree and the payload viewer.
import { useState } from 'react';
import { MessageList } from './MessageList';
import { formatCount } from '../../ui/format';
import { useEngineAnswer } from './useEngineAnswer';
import { MAX_TOPIC_RESULTS } from '@shared/limits';

const PAGE = 50;

export function TopicMessages({ topic }: { topic: string }) {
  const [limit, setLimit] = useState(PAGE);
  const { answer, error } = useEngineAnswer((api, id) => api.request('sessions.topicMessages', { id, topic, limit }), `${topic}\n${limit}`);
  const rows = answer?.rows ?? [];
  return (
    <div className="topic-messages">
      <h3>
        Messages on <code>{topic}</code> {answer && <span className="muted">({formatCount(answer.total)})</span>}
      </h3>
      {error && <p className="field-error">{error}</p>}
      {answer && rows.length === 0 && <p className="muted">No message on exactly this topic: choose one below it.</p>}
      <MessageList rows={rows} label={`Messages on ${topic}`} />
      {answer && answer.total > rows.length && limit < MAX_TOPIC_RESULTS && (
        <button type="button" className="small" onClick={() => setLimit((shown) => Math.min(MAX_TOPIC_RESULTS, shown + PAGE))}>
          Show older messages
        </button>
      )}
    </div>
  );
}
