// One level of the topic tree (or the levels a search found), asked of the engine when shown and
// again as the trace grows; a level opened shows its own children the same way. The page holds
// the levels in view, never the whole tree.
import { memo } from 'react';
import type { TopicLevel } from '@shared/model/topics';
import { formatCount, formatWallClock } from '../../ui/format';
import { countText, rateText, retainedText } from './topic-format';
import { useEngineAnswer } from './useEngineAnswer';
import { MAX_TOPIC_RESULTS } from '@shared/limits';

/** Levels one list shows at most; the rest are said to be there. */
export const LEVELS_SHOWN = 200;

export interface TreeState {
  expanded: ReadonlySet<string>;
  chosen?: string;
  /** Chooses a level: its messages are shown, and it opens or closes. */
  choose(path: string): void;
}

interface Props {
  tree: TreeState;
  /** The level whose children these are; the top levels without it. */
  parent?: string;
  /** Levels anywhere whose path holds this text, listed flat. */
  search?: string;
  depth: number;
}

export function TopicLevels({ tree, parent, search, depth }: Props) {
  const limit = Math.min(LEVELS_SHOWN, MAX_TOPIC_RESULTS);
  const { answer, error } = useEngineAnswer((api, id) => api.request('sessions.topics', { id, limit, ...(search !== undefined ? { search } : parent !== undefined ? { parent } : {}) }), `${parent ?? ''}\n${search ?? ''}`);
  if (error) return <p className="field-error">{error}</p>;
  if (!answer) return depth === 0 ? <p className="muted">Reading topics…</p> : null;
  if (answer.levels.length === 0 && depth === 0) return <p className="muted">{search !== undefined ? 'No topic matches.' : 'No messages received yet.'}</p>;
  const more = answer.total - answer.levels.length;
  const items = (
    <>
      {answer.levels.map((level) => (
        <LevelItem key={level.path} level={level} tree={tree} depth={depth} flat={search !== undefined} />
      ))}
      {more > 0 && (
        <li role="none" className="muted topic-more">
          {formatCount(more)} more {search !== undefined ? 'matches: search for more of the topic' : 'levels here: find one by name'}
        </li>
      )}
    </>
  );
  if (depth > 0) return <ul role="group">{items}</ul>;
  return (
    <ul role="tree" className="topic-tree" aria-label={search !== undefined ? 'Topics found' : 'Topic tree'}>
      {items}
    </ul>
  );
}

/** What a level's line shows, in one string: a line whose text did not change is not drawn again. */
function lineOf(level: TopicLevel): string {
  return [level.name, countText(level), rateText(level.rate), retainedText(level.retained), level.lastValue ?? '', level.lastSeq >= 0 ? formatWallClock(level.lastTime).slice(11) : '', level.children].join('\n');
}

const LevelItem = memo(
  function LevelItem({ level, tree, depth, flat }: { level: TopicLevel; tree: TreeState; depth: number; flat: boolean }) {
    const open = !flat && level.children > 0 && tree.expanded.has(level.path);
    const retained = retainedText(level.retained);
    return (
      <li role="treeitem" aria-label={level.path} aria-level={depth + 1} aria-selected={tree.chosen === level.path} aria-expanded={!flat && level.children > 0 ? open : undefined}>
        <div className={`topic-line${tree.chosen === level.path ? ' chosen' : ''}`} style={{ paddingLeft: `${flat ? 0 : depth * 0.9}rem` }}>
          <button type="button" className="topic-name" onClick={() => tree.choose(level.path)}>
            {!flat && level.children > 0 ? (open ? '▾ ' : '▸ ') : ''}
            {flat ? level.path : level.name === '' ? '(empty level)' : level.name}
          </button>
          <span className="topic-count">{countText(level)}</span>
          <span className="topic-rate muted">{rateText(level.rate)}</span>
          {retained && <span className={`topic-retained${level.retained?.cleared ? ' cleared' : ''}`}>{retained}</span>}
          {level.lastValue !== undefined && (
            <code className="topic-value" title={level.lastValue}>
              {level.lastValue}
            </code>
          )}
          {level.lastSeq >= 0 && <span className="topic-time muted">{formatWallClock(level.lastTime).slice(11)}</span>}
        </div>
        {open && <TopicLevels tree={tree} parent={level.path} depth={depth + 1} />}
      </li>
    );
  },
  // The tree's own state (what is open, what is chosen) redraws every line; new counts only theirs.
  (before, after) => before.tree.expanded === after.tree.expanded && before.tree.chosen === after.tree.chosen && before.flat === after.flat && before.depth === after.depth && lineOf(before.level) === lineOf(after.level),
);
