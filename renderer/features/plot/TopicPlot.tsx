// A topic's numeric values over time, for the active connection: the payload read as a number, or
// a JSON field chosen among the numeric ones of the newest messages. The topic is the one given,
// else the one chosen in Topics, unless the person types another.
import { useId, useMemo, useState } from 'react';
import { formatCount } from '@shared/format-count';
import { useStore } from '../../store';
import { activeChosenTopic } from '../../store/topic-choice-slice';
import { newestHeld } from './held-messages';
import { PlotChart } from './PlotChart';
import { describeSeries, firstChoice, NEWEST_LOOKED_AT, pathChoices, seriesOfBlocks } from './plot-series';
import { dataThere } from './plot-timing';
import { useHeldMessages } from './useHeldMessages';
import { MQTT_STRING_MAX_BYTES } from '@shared/limits';

/** The select's value for the payload itself (a path is never empty). */
const PAYLOAD = '';

export function TopicPlot({ topic: given }: { topic?: string }) {
  // The connection's id only: its ten updates a second are not this region's to draw.
  const activeId = useStore((state) => state.activeId);
  const chosen = useStore(activeChosenTopic);
  // What the person typed holds until Topics chooses another topic.
  const [typed, setTyped] = useState<{ text: string; over?: string }>();
  const topic = given ?? (typed && typed.over === chosen ? typed.text : (chosen ?? ''));
  const { held, error } = useHeldMessages(topic === '' ? undefined : topic);
  const [picked, setPicked] = useState<{ topic: string; path?: string }>();

  const newest = useMemo(() => (held ? newestHeld(held, NEWEST_LOOKED_AT) : []), [held]);
  const choices = useMemo(() => pathChoices(newest), [newest]);
  const path = picked?.topic === topic ? picked.path : firstChoice(newest);
  const series = useMemo(() => (held ? seriesOfBlocks(held.blocks, path) : undefined), [held, path]);
  const valueLabel = path ?? 'Payload';
  const titleId = useId();

  return (
    <section className="card plot" aria-labelledby={titleId}>
      <div className="card-title">
        <h2 id={titleId}>Plot</h2>
        {given !== undefined ? (
          <code>{given}</code>
        ) : (
          <span className="inline-label">
            <label htmlFor={`${titleId}-topic`}>Topic</label>
            <input id={`${titleId}-topic`} type="text" value={topic} maxLength={MQTT_STRING_MAX_BYTES} placeholder="a topic received" spellCheck={false} onChange={(event) => setTyped({ text: event.target.value, over: chosen })} />
          </span>
        )}
        {/* Beside its control, not around it: a label around a select is named by its value too. */}
        <span className="inline-label">
          <label htmlFor={`${titleId}-value`}>Value</label>
          <select
            id={`${titleId}-value`}
            value={path ?? PAYLOAD}
            disabled={topic === ''}
            onChange={(event) => {
              dataThere();
              setPicked({ topic, ...(event.target.value === PAYLOAD ? {} : { path: event.target.value }) });
            }}
          >
            <option value={PAYLOAD}>Payload as number</option>
            {(path === undefined || choices.includes(path) ? choices : [path, ...choices]).map((choice) => (
              <option key={choice} value={choice}>
                {choice}
              </option>
            ))}
          </select>
        </span>
      </div>
      {error && <p className="field-error">{error}</p>}
      {!activeId ? (
        <p className="muted">Connect, or open a session, to plot a topic’s values.</p>
      ) : topic === '' ? (
        <p className="muted">Choose a topic in Topics, or type one, to plot its numbers over time.</p>
      ) : !held || !series ? null : held.count === 0 ? (
        <p className="muted">
          No message on <code>{topic}</code> yet.
        </p>
      ) : (
        <>
          {series.x.length > 0 ? (
            <PlotChart x={series.x} y={series.y} valueLabel={valueLabel} description={`${valueLabel} on ${topic} over time`} />
          ) : (
            <p className="muted">Nothing to plot: no message gave a number for {path === undefined ? 'its payload' : path}.</p>
          )}
          <p className="plot-summary muted">
            {describeSeries(series, path)}
            {held.total > held.count && ` — the newest ${formatCount(held.count)} of ${formatCount(held.total)} messages`}
          </p>
        </>
      )}
    </section>
  );
}
