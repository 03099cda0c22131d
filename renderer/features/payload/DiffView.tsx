// The payload against the message before it on the same topic (same direction): by path when
// both are JSON (`$.a.b: 20.5 → 21`), else line by line. The earlier message is found by the
// engine and read once.
import { useMemo } from 'react';
import { PREVIOUS_ON_TOPIC_SCAN } from '@shared/contract';
import type { JsonPayloadDiff, LinePayloadDiff } from '@shared/payload/diff';
import { jsonChangeText, valueText, type JsonChange } from '@shared/payload/json-diff';
import { publishMessage } from '@shared/payload/message';
import { useStore } from '../../store';
import { useEntry } from '../trace/useEntry';
import { CopyButton } from './CopyButton';
import { diffLinesOf, diffText, type DiffLine } from './diff-lines';
import { useCodecs } from './useCodecs';
import { usePreviousOnTopic } from './usePreviousOnTopic';
import { formatCount } from '../../ui/format';
import { JSON_DIFF_CHANGES } from '@shared/limits';

export function DiffView({ sessionId, seq, topic, payload }: { sessionId: string; seq: number; topic: string | undefined; payload: Uint8Array }) {
  const previous = usePreviousOnTopic(sessionId, seq);
  const previousSeq = previous.state === 'answered' ? previous.answer.seq : undefined;
  const entry = useEntry(sessionId, previousSeq);
  const selectEntry = useStore((state) => state.selectEntry);
  const earlier = useMemo(() => (entry?.kind === 'packet' ? publishMessage(entry.hex, entry.protocolLevel) : undefined), [entry]);
  const { loaded } = useCodecs();
  const diff = useMemo(() => (earlier && loaded ? loaded.diffPayloads(earlier.payload, payload) : undefined), [earlier, payload, loaded]);

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
  const cut = diff!.as !== 'JSON' && diff!.cut;
  return (
    <>
      <p className="muted diff-heading">
        Against the previous message on {JSON.stringify(topic)}, compared as {diff!.as}
        {diff!.as === 'JSON' ? ' by path' : ''}
        {cut ? ' (the first 64 K characters of each)' : ''}.{' '}
        <button type="button" className="small" onClick={() => selectEntry(previousSeq)}>
          Go to the previous message
        </button>
      </p>
      {diff!.as === 'JSON' ? <JsonChanges diff={diff!} /> : <LineChanges diff={diff!} />}
    </>
  );
}

function JsonChanges({ diff }: { diff: JsonPayloadDiff }) {
  if (diff.changes.length === 0) return <p>The same JSON value as the previous message (spacing and key order aside).</p>;
  const more = diff.more ? `… and more: only the first ${formatCount(JSON_DIFF_CHANGES)} differences are listed.` : undefined;
  return (
    <>
      <CopyButton label="Copy the diff" what="the diff" make={() => [...diff.changes.map(jsonChangeText), ...(more ? [more] : [])].join('\n')} />
      <ul className="payload-diff json-changes" aria-label="Changes">
        {diff.changes.map((change) => (
          <JsonChangeRow key={`${change.kind}:${change.path}`} change={change} />
        ))}
        {more && <li className="muted">{more}</li>}
      </ul>
    </>
  );
}

function JsonChangeRow({ change }: { change: JsonChange }) {
  const path = <code className="json-path">{change.path}</code>;
  switch (change.kind) {
    case 'changed':
      return (
        <li>
          {path}: <del>{valueText(change.before)}</del> → <ins>{valueText(change.after)}</ins>
        </li>
      );
    case 'added':
      return (
        <li>
          {path}: added <ins>{valueText(change.after)}</ins>
        </li>
      );
    case 'removed':
      return (
        <li>
          {path}: removed <del>{valueText(change.before)}</del>
        </li>
      );
  }
}

function LineChanges({ diff }: { diff: LinePayloadDiff }) {
  const lines = useMemo(() => diffLinesOf(diff), [diff]);
  const changed = lines.some((line) => line.kind !== 'same');
  if (diff.lines === undefined) return <p>They differ too much to compare line by line.</p>;
  if (!changed) return <p>{diff.cut ? 'The compared starts are the same.' : 'The same payload as the previous message.'}</p>;
  return (
    <>
      <CopyButton label="Copy the diff" what="the diff" make={() => diffText(lines)} />
      <pre className="payload-text payload-diff" aria-label="Changes">
        {lines.map((line, index) => (
          <DiffRow key={index} line={line} />
        ))}
      </pre>
    </>
  );
}

function DiffRow({ line }: { line: DiffLine }) {
  if (line.kind === 'added') return <ins className="diff-line">+ {line.text}</ins>;
  if (line.kind === 'removed') return <del className="diff-line">- {line.text}</del>;
  return <span className="diff-line">{`  ${line.text}`}</span>;
}
