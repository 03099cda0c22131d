// The payload of the chosen PUBLISH: as text, indented JSON (folding), hex, Base64, Sparkplug B,
// CBOR or MessagePack, and against the previous message on its topic. Decoded here, in the page,
// only for the message shown; the view that suits it best is chosen until the person chooses.
import { useMemo, useState } from 'react';
import type { PayloadReading } from '@shared/payload/detect';
import { spacedHex, toBase64 } from '@shared/payload/hex';
import { prettyJson } from '@shared/payload/json';
import { jsonCopy } from '@shared/payload/json-copy';
import { publishMessage, type PublishMessage } from '@shared/payload/message';
import { lenientText } from '@shared/payload/text';
import { viewLabel, type PayloadView, type StructuredView } from '@shared/payload/views';
import { useActiveConnection, useStore } from '../../store';
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { useEntry } from '../trace/useEntry';
import { Base64View, HexView, TextView } from './ByteViews';
import { CopyButton } from './CopyButton';
import { DiffView } from './DiffView';
import { JsonTree } from './JsonTree';
import { useCodecs } from './useCodecs';
import { ViewChooser } from './ViewChooser';
import { formatCount } from '../../ui/format';

const PANEL_ID = 'payload-view';

export function PayloadViewer() {
  const connection = useActiveConnection();
  const selectedSeq = useStore((state) => state.selectedSeq);
  const entry = useEntry(connection?.id, selectedSeq);
  const message = useMemo(() => (entry?.kind === 'packet' && entry.typeName === 'PUBLISH' ? publishMessage(entry.hex, entry.protocolLevel) : undefined), [entry]);
  const codecs = useCodecs();
  const reading = useMemo(() => (message && codecs.loaded ? new codecs.loaded.PayloadReading(message.payload, message.topic) : undefined), [message, codecs.loaded]);
  // The person's choice stays while they step through messages, where it reads the payload.
  const [chosen, setChosen] = useState<PayloadView>();

  return (
    <section className="card payload-viewer" aria-labelledby="payload-heading">
      <div className="card-title">
        <h2 id="payload-heading">Payload</h2>
        {message && (
          <span className="muted">
            {formatCount(message.payload.length)} bytes{message.topic !== undefined && ` on ${JSON.stringify(message.topic)}`}
          </span>
        )}
      </div>
      {message && !reading ? (
        <p className={codecs.problem ? 'action-error' : 'muted'}>{codecs.problem ?? 'Reading the payload…'}</p>
      ) : !connection || !entry || !message || !reading ? (
        <p className="muted">{entry && entry.kind !== 'lifecycle' ? `${withArticle(entry.kind === 'packet' ? entry.typeName : 'run of unframed bytes')} carries no message payload: choose a PUBLISH.` : 'Choose a PUBLISH to see its payload.'}</p>
      ) : (
        // Another message starts afresh, even after one whose view failed.
        <ErrorBoundary key={`${connection.id}:${entry.seq}`} name="Payload">
          <MessageViews sessionId={connection.id} seq={entry.seq} message={message} reading={reading} chosen={chosen} onChoose={setChosen} />
        </ErrorBoundary>
      )}
    </section>
  );
}

function MessageViews({ sessionId, seq, message, reading, chosen, onChoose }: { sessionId: string; seq: number; message: PublishMessage; reading: PayloadReading; chosen: PayloadView | undefined; onChoose: (view: PayloadView) => void }) {
  const view = chosen && reading.applies(chosen) ? chosen : reading.best;
  const copy = copyOf(view, reading);
  return (
    <>
      <div className="payload-bar">
        <ViewChooser reading={reading} view={view} onChoose={onChoose} panelId={PANEL_ID} />
        {copy && <CopyButton label={copy.label} what={copy.what} make={copy.make} />}
      </div>
      <div id={PANEL_ID} role="tabpanel" aria-label={`${viewLabel(view)} view`} className="payload-panel">
        {chosen && chosen !== view && <p className="muted">{reading.problem(chosen)}; shown as {viewLabel(view)}.</p>}
        {message.payload.length === 0 && view !== 'diff' ? <p className="muted">This message has an empty payload (0 bytes).</p> : <ViewBody view={view} sessionId={sessionId} seq={seq} message={message} reading={reading} />}
      </div>
    </>
  );
}

function ViewBody({ view, sessionId, seq, message, reading }: { view: PayloadView; sessionId: string; seq: number; message: PublishMessage; reading: PayloadReading }) {
  switch (view) {
    case 'text':
      return <TextView text={reading.text.ok ? reading.text.value : lenientText(message.payload)} />;
    case 'hex':
      return <HexView bytes={message.payload} />;
    case 'base64':
      return <Base64View bytes={message.payload} />;
    case 'diff':
      return <DiffView sessionId={sessionId} seq={seq} topic={message.topic} payload={message.payload} />;
    default: {
      const read = reading.structure(view);
      return read.ok ? <JsonTree value={read.value} label={`${viewLabel(view)} tree`} /> : <p className="muted">{read.problem}</p>;
    }
  }
}

const withArticle = (name: string): string => `${/^[AEIOU]/.test(name) ? 'An' : 'A'} ${name}`;

/** What the copy button copies in each view: the whole payload, not only what is drawn. */
function copyOf(view: PayloadView, reading: PayloadReading): { label: string; what: string; make: () => string } | undefined {
  const bytes = reading.bytes;
  switch (view) {
    case 'text':
      return { label: 'Copy the text', what: 'the text', make: () => lenientText(bytes) };
    case 'hex':
      return { label: 'Copy the hex', what: 'the hex', make: () => spacedHex(bytes) };
    case 'base64':
      return { label: 'Copy the Base64', what: 'the Base64', make: () => toBase64(bytes) };
    case 'diff':
      return undefined;
    default: {
      const structured = view as StructuredView;
      const label = view === 'json' ? 'Copy the JSON' : `Copy the ${viewLabel(view)} as JSON`;
      return { label, what: view === 'json' ? 'the JSON' : `the ${viewLabel(view)} as JSON`, make: () => {
        if (view === 'json') return jsonCopy(bytes);
        const read = reading.structure(structured);
        if (!read.ok) throw new Error(read.problem);
        return prettyJson(read.value);
      } };
    }
  }
}
