// The payload's views as tabs: every view is listed, those that do not read this payload are
// dimmed with the reason on hover (and say it when chosen). Left and Right move between them.
import type { KeyboardEvent } from 'react';
import type { PayloadReading } from '@shared/payload/detect';
import { PAYLOAD_VIEWS, type PayloadView } from '@shared/payload/views';

export function ViewChooser({ reading, view, onChoose, panelId }: { reading: PayloadReading; view: PayloadView; onChoose: (view: PayloadView) => void; panelId: string }) {
  function onKeyDown(event: KeyboardEvent) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const at = PAYLOAD_VIEWS.findIndex((entry) => entry.view === view);
    const next = PAYLOAD_VIEWS[(at + step + PAYLOAD_VIEWS.length) % PAYLOAD_VIEWS.length].view;
    onChoose(next);
    (event.currentTarget.querySelector(`[data-view="${next}"]`) as HTMLElement | null)?.focus();
  }
  return (
    <div role="tablist" aria-label="Payload views" className="payload-views" onKeyDown={onKeyDown}>
      {PAYLOAD_VIEWS.map(({ view: each, label }) => {
        const applies = reading.applies(each);
        return (
          <button
            key={each}
            type="button"
            role="tab"
            data-view={each}
            aria-selected={each === view}
            aria-controls={panelId}
            tabIndex={each === view ? 0 : -1}
            className={`small${applies ? '' : ' not-applying'}`}
            title={reading.problem(each)}
            onClick={() => onChoose(each)}
          >
            {label}
          </button>
        );
      })}
    </div>
  );
}
