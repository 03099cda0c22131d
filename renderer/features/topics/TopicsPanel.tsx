// The topics the active connection received, as a tree computed in the engine: levels with their
// counts (in natural order: sensor-2 before sensor-10), rate, newest value and retained state; a
// topic chosen shows its messages beside the tree and opens the newest, its payload beside them;
// text found in the messages; the retained messages, each clearable.
import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { activeChosenTopic } from '../../store/topic-choice-slice';
import { PayloadViewer } from '../payload/PayloadViewer';
import { MessageSearch } from './MessageSearch';
import { RetainedMessages } from './RetainedMessages';
import { TopicLevels, type TreeState } from './TopicLevels';
import { TopicMessages } from './TopicMessages';

const TEXT_PAUSE_MS = 300;

export function TopicsPanel() {
  // The connection's id only: its updates (ten a second) are not this panel's to draw.
  const activeId = useStore((state) => state.activeId);
  const api = useStore((state) => state.api);
  const selectEntry = useStore((state) => state.selectEntry);
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState<string>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  // Kept in the store: the plot follows it.
  const chosen = useStore(activeChosenTopic);
  const chooseTopic = useStore((state) => state.chooseTopic);
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed === '' ? undefined : typed), TEXT_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [typed]);

  const tree: TreeState = {
    expanded,
    chosen,
    choose: (path) => {
      if (activeId) chooseTopic(activeId, path);
      setExpanded((current) => {
        const next = new Set(current);
        if (path === chosen && next.has(path)) next.delete(path);
        else next.add(path);
        return next;
      });
      // The newest message opens at once, in the packet list and the details.
      if (api && activeId) {
        const id = activeId;
        void api.request('sessions.topicMessages', { id, topic: path, limit: 1 }).then(({ rows }) => rows[0] && useStore.getState().activeId === id && selectEntry(rows[0].seq), () => {});
      }
    },
  };

  return (
    <section className="card topics" aria-labelledby="topics-title">
      <div className="card-title">
        <h2 id="topics-title">Topics</h2>
        <span className="muted">received by this connection</span>
        <label className="inline-label">
          Find topic{' '}
          <input type="search" value={typed} maxLength={256} placeholder="part of a topic" spellCheck={false} onChange={(event) => setTyped(event.target.value)} />
        </label>
      </div>
      {!activeId ? (
        <p className="muted">Connect, or open a session, to see the topics it received.</p>
      ) : (
        <div className="topics-body">
          <div className="topic-tree-pane">
            <TopicLevels tree={tree} search={search} depth={0} />
          </div>
          <div className="topic-side">
            {chosen && <TopicMessages key={chosen} topic={chosen} />}
            <MessageSearch />
            <RetainedMessages />
          </div>
          {/* The message opened (a topic's newest, or one chosen from its list), as MQTT Explorer
              shows a value beside its tree. */}
          <div className="topic-payload">
            <PayloadViewer />
          </div>
        </div>
      )}
    </section>
  );
}
