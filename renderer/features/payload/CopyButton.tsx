// One copy button of the payload viewer, its outcome said beside it.
import { useCopy } from '../../ui/useCopy';

export function CopyButton({ label, what, make }: { label: string; what: string; make: () => string }) {
  const { status, copy } = useCopy();
  return (
    <span className="button-row">
      <button type="button" className="small" onClick={() => void copy(what, make)}>
        {label}
      </button>
      <span className={status && !status.ok ? 'action-error' : 'muted'} role="status" aria-label="Payload copy outcome">
        {status?.text}
      </span>
    </span>
  );
}
