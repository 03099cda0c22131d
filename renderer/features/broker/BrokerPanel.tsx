// The local broker: start and stop it, see who is connected, the sessions it keeps (with their
// subscriptions, queued messages and will) and what it did on its own. Each client connection
// opens in the packet and timeline views.
import { useState } from 'react';
import { parseAcl } from '@shared/model/acl';
import { useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { portOrAnyFree, useAction } from '../../ui/useAction';
import { BrokerActivity } from './BrokerActivity';
import { BrokerRetained } from './BrokerRetained';
import { BrokerSessions } from './BrokerSessions';

function readUsers(text: string): { username: string; password: string }[] {
  const users = [];
  for (const line of text.split('\n').map((item) => item.trim()).filter(Boolean)) {
    const at = line.indexOf(':');
    if (at <= 0) throw new Error(`Write each user as name:password (“${line}” is not)`);
    users.push({ username: line.slice(0, at), password: line.slice(at + 1) });
  }
  return users;
}

export function BrokerPanel() {
  const api = useStore((state) => state.api);
  const broker = useStore((state) => state.broker);
  const setLocal = useStore((state) => state.setLocal);
  const setForm = useStore((state) => state.setForm);
  const [kind, setKind] = useState<'embedded' | 'mosquitto'>('embedded');
  const [port, setPort] = useState('');
  const [persist, setPersist] = useState(false);
  const [usersText, setUsersText] = useState('');
  const [aclText, setAclText] = useState('');
  const useAcl = kind === 'embedded' && aclText.trim() !== '';
  const aclParse = useAcl ? parseAcl(aclText) : undefined;
  const aclErrors = aclParse && !aclParse.ok ? aclParse.errors : undefined;
  const { busy, error, run } = useAction();

  const start = () =>
    run(async () => {
      const users = readUsers(usersText);
      const running = await api!.request('broker.start', { kind, port: portOrAnyFree(port, 'Port'), ...(users.length ? { users, allowAnonymous: false } : {}), ...(kind === 'embedded' && persist ? { persist } : {}), ...(useAcl ? { acl: aclText } : {}) });
      setLocal({ broker: running });
    });
  const stop = () =>
    run(async () => {
      await api!.request('broker.stop', {});
      setLocal({ broker: undefined });
    });

  return (
    <section className="card broker" aria-labelledby="broker-title">
      <h2 id="broker-title">Broker</h2>
      {broker ? (
        <>
          <p>
            <strong>{broker.kind === 'embedded' ? 'Embedded broker' : 'mosquitto'}</strong> running on{' '}
            <code>
              {broker.host}:{broker.port}
            </code>
          </p>
          <div className="button-row">
            <button type="button" className="small" onClick={() => setForm((form) => ({ ...form, transport: 'mqtt', host: broker.host, port: String(broker.port) }))}>
              Use in the connection form
            </button>
            <button type="button" onClick={() => void stop()} disabled={busy}>
              Stop broker
            </button>
          </div>
          <BrokerActivity />
          {broker.kind === 'embedded' ? (
            <>
              <BrokerSessions />
              <BrokerRetained />
            </>
          ) : (
            <p className="muted">
              mosquitto keeps its own sessions and retained messages, and has no way to list them; its traffic is traced like any other. A connection subscribed to <code>#</code> receives every retained message, listed in its Topics.
            </p>
          )}
        </>
      ) : (
        <>
          <div className="field">
            <label htmlFor="broker-kind">Local broker</label>
            <select id="broker-kind" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
              <option value="embedded">Embedded (MQTT 3.1, 3.1.1; sessions shown)</option>
              <option value="mosquitto">mosquitto (MQTT 5)</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="broker-port">Broker port</label>
            <input id="broker-port" inputMode="numeric" placeholder="any free port" value={port} onChange={(event) => setPort(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="broker-users">Users</label>
            <textarea id="broker-users" rows={2} placeholder="name:password, one a line" value={usersText} onChange={(event) => setUsersText(event.target.value)} />
            <span className="field-hint">Empty: anyone may connect</span>
          </div>
          {kind === 'embedded' && (
            <div className="field">
              <label htmlFor="broker-acl">Access control (ACL)</label>
              <textarea
                id="broker-acl"
                rows={4}
                spellCheck={false}
                placeholder={'mosquitto acl_file lines:\ntopic readwrite #\ntopic deny test/nosubscribe'}
                value={aclText}
                onChange={(event) => setAclText(event.target.value)}
                aria-invalid={aclErrors ? true : undefined}
                aria-describedby="broker-acl-note"
              />
              {aclErrors ? (
                <ul id="broker-acl-note" className="field-error" aria-label="ACL errors">
                  {aclErrors.map((problem, index) => (
                    <li key={`${problem.line}-${index}`}>
                      Line {problem.line}: {problem.message}
                    </li>
                  ))}
                </ul>
              ) : (
                <span id="broker-acl-note" className="field-hint">
                  Empty: no access control. topic, user and pattern (%c, %u) lines, as mosquitto reads them
                </span>
              )}
            </div>
          )}
          {kind === 'embedded' && (
            <label className="inline-label">
              <input type="checkbox" checked={persist} onChange={(event) => setPersist(event.target.checked)} /> Keep sessions across restarts
            </label>
          )}
          <div className="button-row">
            <button type="button" onClick={() => void start()} disabled={busy || !api || aclErrors !== undefined}>
              Start broker
            </button>
          </div>
          <p className="field-hint">Listens on 127.0.0.1 only.</p>
        </>
      )}
      <ErrorAlert error={error} />
    </section>
  );
}
