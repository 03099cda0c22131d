// One experiment's result: its verdict in words, what the specification expects (with the
// clause) and what happened, and a button per connection that opens it in the usual views.
import type { LabResult } from '@shared/model/lab';
import { useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';

const VERDICT_WORDS = { pass: 'Pass', fail: 'Fail', 'not-run': 'Not run' } as const;

export function LabResultCard({ result }: { result: LabResult }) {
  const api = useStore((state) => state.api);
  const openSession = useStore((state) => state.openSession);
  const { busy, error, run } = useAction();
  const titleId = `lab-result-${result.name}`;

  const open = (connectionId: string) =>
    run(async () => {
      const session = (await api!.request('sessions.list', {})).sessions.find((candidate) => candidate.id === connectionId);
      if (!session) throw new Error('This connection is no longer in the trace store');
      await openSession(session);
      document.getElementById('main-view')?.focus({ preventScroll: true });
    });

  return (
    <article className="lab-result" aria-labelledby={titleId}>
      <h3 id={titleId}>{result.title}</h3>
      <dl className="lab-facts">
        <dt>Verdict</dt>
        <dd className={`lab-verdict lab-verdict-${result.verdict}`}>
          {VERDICT_WORDS[result.verdict]}
          {result.reason ? `: ${result.reason}` : ''}
        </dd>
        <dt>Expected</dt>
        <dd>
          {result.expectation} <span className="muted">{result.clause}</span>
        </dd>
        <dt>Observed</dt>
        <dd>{result.observation}</dd>
      </dl>
      {result.evidence.length > 0 && (
        <div className="button-row">
          {result.evidence.map((evidence) => (
            <button key={evidence.connectionId} type="button" className="small" disabled={busy || !api} onClick={() => void open(evidence.connectionId)}>
              Open {evidence.label}
            </button>
          ))}
        </div>
      )}
      <ErrorAlert error={error} />
    </article>
  );
}
