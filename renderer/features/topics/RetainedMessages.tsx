// The retained messages the connection received (the newest per topic; an empty one is a clear),
// and clearing one from this app's open connection: an empty retained PUBLISH, once confirmed.
import { useEffect, useRef, useState } from 'react';
import { useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { formatCount } from '../../ui/format';
import { useEngineAnswer } from './useEngineAnswer';

const SHOWN = 200;

export function RetainedMessages() {
  const api = useStore((state) => state.api);
  const activeId = useStore((state) => state.activeId);
  const selectEntry = useStore((state) => state.selectEntry);
  const { answer, error, again } = useEngineAnswer((engine, id) => engine.request('sessions.retained', { id, limit: SHOWN }), 'retained');
  const [confirming, setConfirming] = useState<string>();
  // Where the keyboard's focus goes once the confirm replaces Clear, or goes itself: it would
  // otherwise fall to the page's start with the button that had it.
  const [focusTo, setFocusTo] = useState<{ topic: string; button: 'keep' | 'clear' | 'row' }>();
  const list = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (!focusTo) return;
    const item = [...(list.current?.children ?? [])].find((element) => element.getAttribute('aria-label') === focusTo.topic);
    const button = item?.querySelector<HTMLElement>(`[data-focus="${focusTo.button}"]`) ?? item?.querySelector<HTMLElement>('[data-focus="row"]');
    button?.focus();
    button?.scrollIntoView({ block: 'nearest' });
    setFocusTo(undefined);
  }, [focusTo]);
  const confirm = (topic: string) => {
    setConfirming(topic);
    setFocusTo({ topic, button: 'keep' });
  };
  const keep = (topic: string) => {
    setConfirming(undefined);
    setFocusTo({ topic, button: 'clear' });
  };
  const { busy, error: clearError, run } = useAction();
  // Only a connection of this app that is still open can publish the clear.
  const canClear = useStore((state) => {
    const connection = state.activeId ? state.connections[state.activeId] : undefined;
    return Boolean(connection?.options && connection.trace?.open && connection.status === 'connected');
  });
  const clear = (topic: string) =>
    run(async () => {
      await api!.request('connection.publish', { connectionId: activeId!, publication: { topic, payloadHex: '', qos: 0, retain: true } });
      setConfirming(undefined);
      // Cleared, the topic has no Clear button: its row takes the focus.
      setFocusTo({ topic, button: 'row' });
      again();
    });
  const messages = answer?.messages ?? [];
  return (
    <div className="retained-messages">
      <h3>Retained messages received {answer && <span className="muted">({formatCount(answer.total)})</span>}</h3>
      {error && <p className="field-error">{error}</p>}
      {answer && messages.length === 0 && <p className="muted">None: a broker sends a topic's retained message when a subscription matches it.</p>}
      <ul ref={list} className="retained-list" aria-label="Retained messages received">
        {messages.map((message) => (
          <li key={message.topic} aria-label={message.topic}>
            <button type="button" className="message-row" data-focus="row" onClick={() => selectEntry(message.seq)}>
              <code>{message.topic}</code> {message.cleared ? <span className="muted">cleared</span> : <span>{message.value}</span>}
            </button>
            {canClear && !message.cleared && confirming !== message.topic && (
              <button type="button" className="small" data-focus="clear" onClick={() => confirm(message.topic)}>
                Clear
              </button>
            )}
            {confirming === message.topic && (
              <span className="confirm" role="group" aria-label={`Clear ${message.topic}?`}>
                Publish an empty retained message to {message.topic}? The broker then keeps nothing for it.{' '}
                <button type="button" className="small danger" aria-disabled={busy || undefined} onClick={() => !busy && void clear(message.topic)}>
                  Clear it
                </button>{' '}
                {/* The focus lands here, not on Clear it: a second Enter must not clear unread. */}
                <button type="button" className="small" data-focus="keep" onClick={() => keep(message.topic)}>
                  Keep it
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert error={clearError} />
    </div>
  );
}
