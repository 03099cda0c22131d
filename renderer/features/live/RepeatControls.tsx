// "Repeat N times every T ms": the two numbers, the button, and the engine's progress with Stop.
import { useEffect, useRef } from 'react';
import type { RepeatProgress } from '@shared/model/live-actions';
import { formatCount } from '../../ui/format';
import { PublishText, type PublishBinding } from './publish-controls';

interface RepeatControlsProps {
  binding: PublishBinding;
  progress?: RepeatProgress;
  /** The connection can publish; busy: a request is under way (the button keeps its focus). */
  canReach: boolean;
  busy: boolean;
  onRepeat(): void;
  onStop(): void;
}

function progressText(progress: RepeatProgress): string {
  const counted = `${formatCount(progress.sent)} of ${formatCount(progress.count)} sent`;
  if (!progress.done) return `Repeating: ${counted}`;
  return progress.stopped ? `${progress.stopped}: ${counted}` : `Done: ${counted}`;
}

export function RepeatControls({ binding, progress, canReach, busy, onRepeat, onStop }: RepeatControlsProps) {
  const running = progress !== undefined && !progress.done;
  const repeatButton = useRef<HTMLButtonElement>(null);
  // Stop goes when the run ends (stopped or done): the focus it had goes to Repeat, not the page.
  const stopFocused = useRef(false);
  useEffect(() => {
    if (running || !stopFocused.current) return;
    stopFocused.current = false;
    if (document.activeElement === null || document.activeElement === document.body) repeatButton.current?.focus();
  }, [running]);
  return (
    <div className="live-row repeat-controls" role="group" aria-label="Repeat">
      <PublishText binding={binding} name="repeatCount" label="Times" numeric />
      <PublishText binding={binding} name="repeatIntervalMs" label="Every (ms)" numeric />
      <button ref={repeatButton} type="button" className="small" disabled={!canReach || running} aria-disabled={busy || undefined} onClick={() => !busy && onRepeat()}>
        Repeat
      </button>
      {running && (
        <button type="button" className="small danger" onClick={onStop} onFocus={() => (stopFocused.current = true)}>
          Stop
        </button>
      )}
      {progress && (
        <span className="repeat-progress" role="status" aria-label="Repeat progress">
          <progress max={progress.count} value={progress.sent} aria-hidden="true" /> {progressText(progress)}
        </span>
      )}
    </div>
  );
}
