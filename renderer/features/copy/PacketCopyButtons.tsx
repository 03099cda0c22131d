// "Copy hex" (the whole packet) and, for a PUBLISH, "Copy payload as text", read from the engine
// by the packet's seq, with the outcome said beside them.
import { publishPayloadText } from '@shared/model/packet-copy';
import { fetchBytesEntry } from '../../api/packet-entry';
import { useStore } from '../../store';
import { useCopy } from '../../ui/useCopy';

export function PacketCopyButtons({ sessionId, seq, isPublish }: { sessionId: string; seq: number; isPublish: boolean }) {
  const api = useStore((state) => state.api);
  const { status, copy } = useCopy();
  const entry = async () => {
    if (!api) throw new Error('the engine is not connected');
    return fetchBytesEntry(api, sessionId, seq);
  };
  return (
    <span className="packet-copy button-row">
      <button type="button" className="small" onClick={() => void copy('the hex', async () => (await entry()).hex)}>
        Copy hex
      </button>
      {isPublish && (
        <button
          type="button"
          className="small"
          onClick={() =>
            void copy('the payload', async () => {
              const packet = await entry();
              const text = packet.kind === 'packet' ? publishPayloadText(packet.hex, packet.protocolLevel) : undefined;
              if (text === undefined) throw new Error('this packet has no payload');
              return text;
            })
          }
        >
          Copy payload as text
        </button>
      )}
      <span className={status && !status.ok ? 'action-error' : 'muted'} role="status" aria-label="Copy outcome">
        {status?.text}
      </span>
    </span>
  );
}
