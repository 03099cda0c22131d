// The connection form as a view of its own: the form, grouped by what each part is about, with
// Connect always in view at its foot; the saved profiles beside it.
import { ErrorBoundary } from '../../ui/ErrorBoundary';
import { ProfilesPanel } from '../profiles/ProfilesPanel';
import { ConnectionForm } from './ConnectionForm';

export function FormView() {
  return (
    <div className="form-view" data-pane="form">
      <ErrorBoundary name="Connection form">
        <ConnectionForm />
      </ErrorBoundary>
      <div className="form-side">
        <ErrorBoundary name="Profiles">
          <ProfilesPanel />
        </ErrorBoundary>
      </div>
    </div>
  );
}
