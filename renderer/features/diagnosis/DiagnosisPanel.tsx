// The engine's diagnosis of the active connection, by layer, with what to try; and what the
// checks across reconnects of the same client id found. It sits where the person is looking.
import { useMemo } from 'react';
import { ownTakeover, ownTakeoverDiagnosis, type OwnConnection } from '@shared/model/own-takeover';
import { sessionChecks } from '@shared/model/session-checks';
import { useActiveConnection, useStore } from '../../store';
import { storiesAlike, type ConnectionView } from '../../store/connections-slice';
import { labelsOf } from '../connections/connection-label';

/** This app's connections, named as their tabs are. */
function ownConnections(connections: Record<string, ConnectionView>): OwnConnection[] {
  const labels = labelsOf(connections);
  return Object.values(connections)
    .filter((view) => view.options && view.story.origin === 'client')
    .map((view) => ({ story: view.story, host: view.options!.host, port: view.options!.port, label: labels.get(view.id)! }));
}

/** When this app's own connection took this one over, the diagnosis says so, and which. */
function useOwnTakeover(connection: ConnectionView | undefined) {
  const connections = useStore((state) => state.connections);
  return useMemo(() => {
    if (!connection?.options || connection.story.origin !== 'client' || connection.story.end?.by !== 'broker') return undefined;
    const own = ownConnections(connections);
    const kicked = own.find((candidate) => candidate.story.connectionId === connection.id);
    const taker = kicked && ownTakeover(kicked, own);
    return kicked && taker ? { id: taker.story.connectionId, label: taker.label, diagnosis: ownTakeoverDiagnosis(kicked, taker) } : undefined;
  }, [connections, connection]);
}

export function DiagnosisPanel() {
  const connection = useActiveConnection();
  const connections = useStore((state) => state.connections);
  const activate = useStore((state) => state.activate);
  const takenOver = useOwnTakeover(connection);
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
  const diagnosis = takenOver?.diagnosis ?? connection.story.diagnosis;

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
              {takenOver && (
                <button type="button" className="small" onClick={() => activate(takenOver.id)}>
                  Show “{takenOver.label}”
                </button>
              )}
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
