// A region of the page that failed while drawing says so, with a Retry button, instead of React
// unmounting the whole page (what it does with an error no boundary catches).
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface Props {
  /** The region, for the person and for the console. */
  name: string;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | undefined }> {
  override state: { error: Error | undefined } = { error: undefined };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`The ${this.props.name} view failed`, error, info.componentStack);
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <section className="card" role="alert" aria-label={`${this.props.name} failed`}>
        <p className="action-error">This view failed: {error.message}</p>
        <button type="button" className="small" onClick={() => this.setState({ error: undefined })}>
          Retry
        </button>
      </section>
    );
  }
}
