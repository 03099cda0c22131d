// The payload against the message before it on the same topic (same direction): line by line,
// as indented JSON when both are JSON. The earlier message is found by the engine and read once.
import { useMemo } from 'react';
import { PREVIOUS_ON_TOPIC_SCAN } from '@shared/contract';
import { publishMessage } from '@shared/payload/message';
import { useStore } from '../../store';
import { useEntry } from '../trace/useEntry';
import { CopyButton } from './CopyButton';
import { diffLinesOf, diffText, type DiffLine } from './diff-lines';
import { useCodecs } from './useCodecs';
import { usePreviousOnTopic } from './usePreviousOnTopic';
import { formatCount } from '../../ui/format';

export function DiffView({ sessionId, seq, topic, payload }: { sessionId: string; seq: number; topic: string | undefined; payload: Uint8Array }) {
  const previous = usePreviousOnTopic(sessionId, seq);
  const previousSeq = previous.state === 'answered' ? previous.answer.seq : undefined;
  const entry = useEntry(sessionId, previousSeq);
  const selectEntry = useStore((state) => state.selectEntry);
  const earlier = useMemo(() => (entry?.kind === 'packet' ? publishMessage(entry.hex, entry.protocolLevel) : undefined), [entry]);
  const { loaded } = useCodecs();
  const diff = useMemo(() => (earlier && loaded ? loaded.diffPayloads(earlier.payload, payload) : undefined), [earlier, payload, loaded]);
  const lines = useMemo(() => (diff ? diffLinesOf(diff) : undefined), [diff]);

  if (previous.state === 'failed') return <p className="action-error">Could not look for the previous message: {previous.message}</p>;
  if (previous.state === 'looking' || (previousSeq !== undefined && !diff)) return <p className="muted">Looking for the previous message on this topic…</p>;
  if (previousSeq === undefined) {
    const { answer } = previous;
    return (
      <p className="muted">
        {answer.complete
          ? `This is the first message on ${JSON.stringify(topic)} in this direction: nothing to compare with.`
          : `No earlier message on ${JSON.stringify(topic)} within the ${formatCount(PREVIOUS_ON_TOPIC_SCAN)} entries before it.`}
      </p>
    );
  }
  const changed = lines!.some((line) => line.kind !== 'same');
  return (
    <>
      <p className="muted diff-heading">
        Against the previous message on {JSON.stringify(topic)}, compared as {diff!.as}
        {diff!.cut ? ' (the first 64 K characters of each)' : ''}.{' '}
        <button type="button" className="small" onClick={() => selectEntry(previousSeq)}>
          Go to the previous message
        </button>
      </p>
      {changed && <CopyButton label="Copy the diff" what="the diff" make={() => diffText(lines!)} />}
      {diff!.changes === undefined ? (
        <p>They differ too much to compare line by line.</p>
      ) : !changed ? (
        <p>{diff!.cut ? 'The compared starts are the same.' : 'The same payload as the previous message.'}</p>
      ) : (
        <pre className="payload-text payload-diff" aria-label="Changes">
          {lines!.map((line, index) => (
            <DiffRow key={index} line={line} />
          ))}
        </pre>
      )}
    </>
  );
}

function DiffRow({ line }: { line: DiffLine }) {
  if (line.kind === 'added') return <ins className="diff-line">+ {line.text}</ins>;
  if (line.kind === 'removed') return <del className="diff-line">- {line.text}</del>;
  return <span className="diff-line">{`  ${line.text}`}</span>;
}
