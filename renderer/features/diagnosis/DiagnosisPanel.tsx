// The engine's diagnosis of the active connection, by layer, with what to try; and what the
// checks across reconnects of the same client id found. It sits where the person is looking.
import { useMemo } from 'react';
import { sessionChecks } from '@shared/model/session-checks';
import { useActiveConnection, useStore } from '../../store';
import { storiesAlike } from '../../store/connections-slice';

export function DiagnosisPanel() {
  const connection = useActiveConnection();
  const connections = useStore((state) => state.connections);
  const checks = useMemo(() => {
    if (!connection) return [];
    const stories = storiesAlike(connections, connection);
    return sessionChecks(stories).filter((check) => check.connectionIds.includes(connection.id));
  }, [connections, connection]);
  if (!connection) {
    return (
      <section className="card diagnosis-panel" aria-label="Diagnosis">
        <p className="muted">
          <strong>Diagnosis:</strong> nothing to look at yet.
        </p>
      </section>
    );
  }
  const diagnosis = connection.story.diagnosis;

  return (
    <section className={`card diagnosis-panel${diagnosis || checks.length ? ' has-findings' : ''}`} aria-label="Diagnosis">
      {!diagnosis && checks.length === 0 ? (
        <p className="muted">
          <strong>Diagnosis:</strong> nothing wrong seen on this connection.
        </p>
      ) : (
        <>
          {diagnosis && (
            <div className="banner banner-error diagnosis" role="alert" aria-label="Diagnosis">
              <strong>
                {diagnosis.layer}: {diagnosis.title}
              </strong>
              <p>{diagnosis.detail}</p>
              <p className="diagnosis-hint">{diagnosis.hint}</p>
            </div>
          )}
          {checks.map((check) => (
            <div key={`${check.kind}-${check.connectionIds.join()}`} className="banner banner-warning diagnosis" role="note">
              <strong>{check.title}</strong>
              <p className="diagnosis-hint">{check.hint}</p>
            </div>
          ))}
        </>
      )}
    </section>
  );
}
