// A file dropped anywhere on the window is opened (and never navigated to, as a browser or
// Electron would); what came of it is said at the top of the window.
import { useEffect, useState } from 'react';
import { useStore } from '../../store';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function FileDrop() {
  const openFiles = useStore((state) => state.openFiles);
  const outcome = useStore((state) => state.fileOutcome);
  const clear = useStore((state) => state.clearFileOutcome);
  const [over, setOver] = useState(false);

  useEffect(() => {
    let depth = 0;
    const enter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth++;
      setOver(true);
    };
    const leave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setOver(false);
    };
    const overWindow = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const drop = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setOver(false);
      void openFiles([...(event.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', overWindow);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', overWindow);
      window.removeEventListener('drop', drop);
    };
  }, [openFiles]);

  return (
    <>
      {over && (
        <div className="drop-hint" aria-hidden="true">
          Drop a saved trace, a capture or exported profiles to open them
        </div>
      )}
      {outcome && (
        <div className={`banner ${outcome.problems.length > 0 ? 'banner-warning' : 'banner-info'} file-outcome`} role={outcome.problems.length > 0 ? 'alert' : 'status'} aria-label="Opened file">
          <p>{outcome.text}</p>
          {outcome.problems.length > 0 && (
            <ul aria-label="Problems with the file">
              {outcome.problems.map((problem, index) => (
                <li key={index}>{problem}</li>
              ))}
            </ul>
          )}
          <button type="button" className="small" onClick={clear}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
