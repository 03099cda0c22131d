// The recording proxy: point a device at it instead of its broker and every connection through
// it is traced, bytes unchanged. Its connections open as tabs like any other.
import { useState } from 'react';
import { useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { portOrAnyFree, portTyped, useAction } from '../../ui/useAction';

export function ProxyPanel() {
  const api = useStore((state) => state.api);
  const proxy = useStore((state) => state.proxy);
  const setLocal = useStore((state) => state.setLocal);
  const [listenPort, setListenPort] = useState('');
  const [targetHost, setTargetHost] = useState('127.0.0.1');
  const [targetPort, setTargetPort] = useState('1883');
  const { busy, error, run } = useAction();

  const start = () =>
    run(async () => {
      const listen = portOrAnyFree(listenPort, 'Listen port');
      const target = portTyped(targetPort, 'Forward-to port');
      setLocal({ proxy: await api!.request('proxy.start', { listenPort: listen, targetHost, targetPort: target }) });
    });
  const stop = () =>
    run(async () => {
      await api!.request('proxy.stop', {});
      setLocal({ proxy: undefined });
    });

  return (
    <section className="card proxy" aria-labelledby="proxy-title">
      <h2 id="proxy-title">Recording proxy</h2>
      {proxy ? (
        <>
          <p>
            Listening on{' '}
            <code>
              {proxy.host}:{proxy.port}
            </code>{' '}
            → forwarding to{' '}
            <code>
              {proxy.targetHost}:{proxy.targetPort}
            </code>
          </p>
          <button type="button" onClick={() => void stop()} disabled={busy}>
            Stop proxy
          </button>
        </>
      ) : (
        <>
          <div className="form-grid">
            <label htmlFor="proxy-target-host">Forward to host</label>
            <input id="proxy-target-host" value={targetHost} onChange={(event) => setTargetHost(event.target.value)} />
            <label htmlFor="proxy-target-port">Forward to port</label>
            <input id="proxy-target-port" inputMode="numeric" value={targetPort} onChange={(event) => setTargetPort(event.target.value)} />
            <label htmlFor="proxy-listen-port">Listen port</label>
            <input id="proxy-listen-port" inputMode="numeric" placeholder="any free port" value={listenPort} onChange={(event) => setListenPort(event.target.value)} />
          </div>
          <button type="button" onClick={() => void start()} disabled={busy || !api}>
            Start proxy
          </button>
        </>
      )}
      <ErrorAlert error={error} />
    </section>
  );
}
