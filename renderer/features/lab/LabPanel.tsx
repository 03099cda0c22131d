// The handshake lab: each experiment of the connection run against the local broker or a broker
// named here, one button each or all at once; each result says what the specification expects,
// what happened and the verdict, and opens its connections in the usual views. Results show as
// the engine pushes them, one by one; the report of the broker tested last is saved as Markdown.
import { useEffect, useState } from 'react';
import { parseBrokerUrl } from '@shared/model/broker-url';
import type { ExperimentInfo, LabResult } from '@shared/model/lab';
import { useStore } from '../../store';
import { downloadBlob } from '../../ui/download';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { LabResultCard } from './LabResultCard';
import { runLab, type LabBroker } from './run-lab';

type Target = 'local' | 'other';

export function LabPanel() {
  const api = useStore((state) => state.api);
  const broker = useStore((state) => state.broker);
  const [experiments, setExperiments] = useState<ExperimentInfo[]>([]);
  const [chosen, setChosen] = useState<Target>();
  const target: Target = chosen ?? (broker ? 'local' : 'other');
  const [url, setUrl] = useState('mqtt://127.0.0.1:1883');
  const [verify, setVerify] = useState(true);
  const [ca, setCa] = useState<{ file: string; pem: string }>();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const results = useStore((state) => state.labResults);
  const progress = useStore((state) => state.labProgress);
  const { busy, error, run } = useAction();
  const list = useAction();
  const report = useAction();
  const running = busy || progress !== undefined;

  useEffect(() => {
    if (api) void list.run(async () => setExperiments((await api.request('lab.list', {})).experiments));
    // Read once per engine: the experiments do not change while it runs.
  }, [api]);

  const start = (names: string[] | undefined) => run(() => runLab(api!, names, target === 'other' ? labBroker(url, { username, password, verify, caPem: ca?.pem }) : undefined));

  const saveReport = () =>
    report.run(async () => {
      const { name, markdown } = await api!.request('lab.report', {});
      downloadBlob(new Blob([markdown], { type: 'text/markdown' }), name);
    });

  const secure = /^(mqtts|ssl|tls|wss):/i.test(url.trim());
  const readCa = async (file: File | undefined) => setCa(file ? { file: file.name, pem: await file.text() } : undefined);

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
            <label htmlFor="lab-url">URL to test</label>
            <input id="lab-url" spellCheck={false} placeholder="mqtt://host:1883, mqtts://, ws://host:port/mqtt, wss://" value={url} onChange={(event) => setUrl(event.target.value)} />
            {secure && (
              <>
                <label htmlFor="lab-verify">Verify the broker's certificate</label>
                <input id="lab-verify" type="checkbox" checked={verify} onChange={(event) => setVerify(event.target.checked)} />
                <label htmlFor="lab-ca">CA certificate</label>
                <span className="file-row">
                  <input id="lab-ca" type="file" accept=".pem,.crt,.cer,text/plain" onChange={(event) => void readCa(event.target.files?.[0])} />
                  <span className="file-status">{ca ? ca.file : 'None: the system’s CAs'}</span>
                </span>
              </>
            )}
            <label htmlFor="lab-username">Broker username</label>
            <input id="lab-username" autoComplete="off" placeholder="none" value={username} onChange={(event) => setUsername(event.target.value)} />
            <label htmlFor="lab-password">Broker password</label>
            <input id="lab-password" type="password" autoComplete="off" placeholder="none" value={password} onChange={(event) => setPassword(event.target.value)} />
          </>
        )}
      </div>
      {target === 'local' && <p className="muted">The lab connects as the broker's first user; to the embedded broker without users, as a user of its own added for the run (as <code>mqttscope lab</code> does).</p>}
      <div className="button-row lab-experiments" role="group" aria-label="Experiments">
        {experiments.map((experiment) => (
          <button key={experiment.name} type="button" className="small" title={experiment.expectation} disabled={running || !api} onClick={() => void start([experiment.name])}>
            {experiment.title}
          </button>
        ))}
        <button type="button" disabled={running || !api || experiments.length === 0} onClick={() => void start(undefined)}>
          Run all
        </button>
        {shown.length > 0 && (
          <button type="button" title="The results shown, as a Markdown conformance report with each experiment's packets in hex" disabled={running || report.busy || !api} onClick={() => void saveReport()}>
            Save report
          </button>
        )}
      </div>
      <p role="status" aria-label="Lab status" className="muted">
        {progress?.running ? `Running ${progress.running.title}…${progress.total > 1 ? ` (${progress.done + 1} of ${progress.total})` : ''}` : shown.length > 0 ? summary(shown) : 'No experiment run yet.'}
      </p>
      <ErrorAlert error={error ?? list.error ?? report.error} />
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

/** The broker a URL names, with TLS and WebSocket as its scheme says; refused in words when it does not read. */
function labBroker(url: string, given: { username: string; password: string; verify: boolean; caPem?: string }): LabBroker {
  const read = parseBrokerUrl(url.trim());
  if (!read.ok) throw new Error(read.message);
  const { transport, host, port, wsPath } = read.url;
  const username = given.username || read.url.username;
  const password = given.password || read.url.password;
  const secure = transport === 'mqtts' || transport === 'wss';
  return {
    host,
    port,
    ...(username ? { username } : {}),
    ...(password ? { password } : {}),
    ...(secure ? { tls: { verify: given.verify, ...(given.caPem ? { caPem: given.caPem } : {}) } } : {}),
    ...(wsPath !== undefined ? { websocket: { path: wsPath } } : {}),
  };
}

function summary(results: readonly LabResult[]): string {
  const count = (verdict: LabResult['verdict']) => results.filter((result) => result.verdict === verdict).length;
  return `${results.length} shown: ${count('pass')} passed, ${count('fail')} failed, ${count('not-run')} not run.`;
}
