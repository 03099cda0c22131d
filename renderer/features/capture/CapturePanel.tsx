// Capture from a network interface: the connections of devices this app does not control — a
// sensor, a gateway, a container — shown live as sessions, with their story and diagnosis, like
// the app's own. dumpcap (Wireshark's capture tool) does the capturing.
import { useEffect, useState } from 'react';
import type { CaptureInterfaceInfo, CaptureStatus } from '@shared/model/live-capture';
import { formatBytes } from '@shared/format-bytes';
import { useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';

function describeStatus(status: CaptureStatus): string {
  const connections = `${status.connections} MQTT connection${status.connections === 1 ? '' : 's'}`;
  const seen = `${status.packets.toLocaleString('en')} packets (${formatBytes(status.bytes)}), ${connections}`;
  const dropped = status.dropped === undefined ? (status.running ? 'drops are counted when it stops' : 'drops not known') : `${status.dropped} dropped`;
  return `${status.running ? 'Capturing' : 'Captured'} on ${status.interface}: ${seen}; ${dropped}`;
}

export function CapturePanel() {
  const api = useStore((state) => state.api);
  const [interfaces, setInterfaces] = useState<CaptureInterfaceInfo[]>();
  const [chosen, setChosen] = useState('');
  const [filter, setFilter] = useState('');
  const [status, setStatus] = useState<CaptureStatus>();
  const [listingError, setListingError] = useState<string>();
  const { busy, error, run } = useAction();

  // Asked once when the view opens: the interfaces, the default filter, a capture already running.
  useEffect(() => {
    if (!api) return;
    const unsubscribe = api.on('capture.status', setStatus);
    Promise.all([api.request('capture.interfaces', {}), api.request('capture.status', {})]).then(
      ([{ interfaces: found, defaultInterface, defaultFilter }, { status: current }]) => {
        setInterfaces(found);
        setChosen((previous) => previous || current?.interface || defaultInterface || found[0]?.name || '');
        setFilter((previous) => previous || current?.filter || defaultFilter);
        if (current) setStatus(current);
      },
      (failure: Error) => setListingError(failure.message),
    );
    return unsubscribe;
  }, [api]);

  const start = () =>
    run(async () => {
      // The last capture's counts are not this one's: a start that fails leaves only its error.
      setStatus(undefined);
      setStatus(await api!.request('capture.start', { interface: chosen, filter }));
    });
  const stop = () =>
    run(async () => {
      const { status: ended } = await api!.request('capture.stop', {});
      if (ended) setStatus(ended);
    });
  const running = status?.running === true;

  return (
    <section className="card capture" aria-labelledby="capture-title">
      <h2 id="capture-title">Capture from an interface</h2>
      <p className="muted">
        Every MQTT connection on the interface — a device’s, a gateway’s, a container’s, not only this app’s — opens as a session under <strong>Captured</strong> in the navigator,
        with its CONNECT, CONNACK, story and diagnosis. MQTT is found by its CONNECT or its port.
      </p>
      <form
        className="capture-bar"
        onSubmit={(event) => {
          event.preventDefault();
          if (!running) void start();
        }}
      >
        <label htmlFor="capture-interface">Interface</label>
        <select id="capture-interface" value={chosen} onChange={(event) => setChosen(event.target.value)} disabled={running || !interfaces}>
          {(interfaces ?? []).map((found) => (
            <option key={found.name} value={found.name}>
              {found.description ? `${found.name} (${found.description})` : found.name}
            </option>
          ))}
        </select>
        <label htmlFor="capture-filter">Capture filter</label>
        <input id="capture-filter" value={filter} spellCheck={false} onChange={(event) => setFilter(event.target.value)} disabled={running} />
        {running ? (
          <button type="button" className="danger" onClick={() => void stop()} disabled={busy}>
            Stop capture
          </button>
        ) : (
          <button type="submit" disabled={busy || !api || !interfaces || chosen === ''}>
            Start capture
          </button>
        )}
      </form>
      <p className="muted">
        The filter is libpcap’s, as in Wireshark’s capture options: <code>tcp port 1883</code>, <code>host 10.0.0.7 and tcp port 8883</code>. dumpcap captures; it
        needs the right to (the error says how to grant it).
      </p>
      {status && (
        <p role="status" aria-label="Capture status" className={`capture-status${running ? ' running' : ''}${status.error ? ' action-error' : ''}`}>
          {describeStatus(status)}
          {status.error ? ` — ${status.error}` : ''}
        </p>
      )}
      <ErrorAlert error={listingError ?? error} />
    </section>
  );
}
