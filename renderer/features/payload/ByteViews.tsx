// The payload as text, hex or Base64: drawn up to a bound, with what was left out said.
import { hexDumpLines, toBase64 } from '@shared/payload/hex';
import { formatCount } from '../../ui/format';
import { RENDER_BYTES, RENDER_CHARS } from '@shared/limits';

export function TextView({ text }: { text: string }) {
  return (
    <>
      <pre className="payload-text">{text.length > RENDER_CHARS ? text.slice(0, RENDER_CHARS) : text}</pre>
      {text.length > RENDER_CHARS && <LeftOut shown={`the first ${formatCount(RENDER_CHARS)} characters`} of={`${formatCount(text.length)}`} />}
    </>
  );
}

export function HexView({ bytes }: { bytes: Uint8Array }) {
  return (
    <>
      <pre className="payload-text">{hexDumpLines(bytes, RENDER_BYTES).join('\n')}</pre>
      {bytes.length > RENDER_BYTES && <LeftOut shown={`the first ${RENDER_BYTES / 1024} KiB`} of={`${formatCount(bytes.length)} bytes`} />}
    </>
  );
}

/** Base64 of a prefix stays valid Base64 when the prefix is whole groups of three bytes. */
const BASE64_BYTES = Math.floor(RENDER_BYTES / 3) * 3;

export function Base64View({ bytes }: { bytes: Uint8Array }) {
  return (
    <>
      <pre className="payload-text payload-wrap">{toBase64(bytes.subarray(0, BASE64_BYTES))}</pre>
      {bytes.length > BASE64_BYTES && <LeftOut shown={`the first ${formatCount(BASE64_BYTES)} bytes`} of={`${formatCount(bytes.length)} bytes`} />}
    </>
  );
}

function LeftOut({ shown, of }: { shown: string; of: string }) {
  return <p className="muted">Showing {shown} of {of}; copy to have it all.</p>;
}
