// The handshake lab: each experiment of the connection run against the local broker or a broker
// named here, one button each or all at once; each result says what the specification expects,
// what happened and the verdict, and opens its connections in the usual views.
import { useEffect, useState } from 'react';
import type { RequestParams } from '@shared/contract';
import type { ExperimentInfo, LabResult } from '@shared/model/lab';
import { useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { LabResultCard } from './LabResultCard';

type Target = 'local' | 'other';

export function LabPanel() {
  const api = useStore((state) => state.api);
  const broker = useStore((state) => state.broker);
  const [experiments, setExperiments] = useState<ExperimentInfo[]>([]);
  const [chosen, setChosen] = useState<Target>();
  const target: Target = chosen ?? (broker ? 'local' : 'other');
  const [host, setHost] = useState('127.0.0.1');
  const [port, setPort] = useState('1883');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  /** What runs now, in words; undefined when nothing does. */
  const [running, setRunning] = useState<string>();
  const [results, setResults] = useState<Record<string, LabResult>>({});
  const { busy, error, run } = useAction();
  const list = useAction();

  useEffect(() => {
    if (api) void list.run(async () => setExperiments((await api.request('lab.list', {})).experiments));
    // Read once per engine: the experiments do not change while it runs.
  }, [api]);

  const start = (names: string[] | undefined, what: string) =>
    run(async () => {
      const params: RequestParams<'lab.run'> = names ? { names } : {};
      if (target === 'other') {
        const number = Number(port);
        if (!Number.isInteger(number) || number < 1 || number > 65535) throw new Error('Broker port must be a whole number from 1 to 65535');
        params.broker = { host, port: number, ...(username ? { username } : {}), ...(password ? { password } : {}) };
      } else if (!broker) {
        throw new Error('The local broker is not running: start it in the Broker panel, or choose another broker');
      }
      setRunning(what);
      try {
        const answer = await api!.request('lab.run', params);
        setResults((before) => ({ ...before, ...Object.fromEntries(answer.results.map((result) => [result.name, result])) }));
      } finally {
        setRunning(undefined);
      }
    });

  const shown = experiments.filter((experiment) => results[experiment.name]).map((experiment) => results[experiment.name]);
  return (
    <section className="card lab" aria-label="Lab">
      <h2>Handshake lab</h2>
      <div className="form-grid">
        <label htmlFor="lab-target">Broker to test</label>
        <select id="lab-target" value={target} onChange={(event) => setChosen(event.target.value as Target)}>
          <option value="local" disabled={!broker}>
            {broker ? `The local broker (${broker.host}:${broker.port})` : 'The local broker (not running)'}
          </option>
          <option value="other">Another broker</option>
        </select>
        {target === 'other' && (
          <>
            <label htmlFor="lab-host">Broker host</label>
            <input id="lab-host" value={host} onChange={(event) => setHost(event.target.value)} />
            <label htmlFor="lab-port">Broker port</label>
            <input id="lab-port" inputMode="numeric" value={port} onChange={(event) => setPort(event.target.value)} />
            <label htmlFor="lab-username">Broker username</label>
            <input id="lab-username" autoComplete="off" placeholder="none" value={username} onChange={(event) => setUsername(event.target.value)} />
            <label htmlFor="lab-password">Broker password</label>
            <input id="lab-password" type="password" autoComplete="off" placeholder="none" value={password} onChange={(event) => setPassword(event.target.value)} />
          </>
        )}
      </div>
      {target === 'local' && <p className="muted">The lab connects as the broker's first user, when it was given users.</p>}
      <div className="button-row lab-experiments" role="group" aria-label="Experiments">
        {experiments.map((experiment) => (
          <button key={experiment.name} type="button" className="small" title={experiment.expectation} disabled={busy || !api} onClick={() => void start([experiment.name], experiment.title)}>
            {experiment.title}
          </button>
        ))}
        <button type="button" disabled={busy || !api || experiments.length === 0} onClick={() => void start(undefined, `all ${experiments.length} experiments`)}>
          Run all
        </button>
      </div>
      <p role="status" aria-label="Lab status" className="muted">
        {running ? `Running ${running}…` : shown.length > 0 ? summary(shown) : 'No experiment run yet.'}
      </p>
      <ErrorAlert error={error ?? list.error} />
      {shown.length > 0 && (
        <ul className="lab-results" aria-label="Lab results">
          {shown.map((result) => (
            <li key={result.name}>
              <LabResultCard result={result} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function summary(results: readonly LabResult[]): string {
  const count = (verdict: LabResult['verdict']) => results.filter((result) => result.verdict === verdict).length;
  return `${results.length} shown: ${count('pass')} passed, ${count('fail')} failed, ${count('not-run')} not run.`;
}
