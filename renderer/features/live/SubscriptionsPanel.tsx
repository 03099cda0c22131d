// The live connection's topic filters, as the engine keeps them (so they survive a reload): add
// one (with the MQTT 5 options), remove one, and see what each SUBACK granted or refused.
import { useCallback, useEffect, useState } from 'react';
import type { LiveSubscription, SubscriptionState } from '@shared/model/live-actions';
import { parseSubscribeForm, RETAIN_HANDLING_CHOICES, type SubscribeFormErrors, type SubscribeFormValues } from '@shared/model/subscribe-form';
import { useActiveConnection, useStore } from '../../store';
import { subscribeFormFor } from '../../store/live-slice';
import { onSubmitShortcut } from '../../ui/keyboard';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { LabelledField } from '../connection-form/form-controls';
import { liveAvailability } from './live-connection';
import { QOS_CHOICES } from './publish-controls';
import { filterRows, type PendingAction, type PendingFilter } from './filter-rows';
import { SubscriptionRow } from './SubscriptionRow';

export function SubscriptionsPanel() {
  const connection = useActiveConnection();
  const api = useStore((state) => state.api);
  const availability = liveAvailability(connection);
  const v5 = availability.live && availability.v5;
  const connectionId = connection?.id;
  const [filters, setFilters] = useState<SubscriptionState[]>([]);
  const [pending, setPending] = useState<ReadonlyMap<string, PendingFilter>>(new Map());
  const [unsubscribeProblems, setUnsubscribeProblems] = useState<Record<string, string>>({});
  // The form as typed is the connection's own: another connection shows its own.
  const values = useStore((state) => subscribeFormFor(state, connectionId));
  const setSubscribeForm = useStore((state) => state.setSubscribeForm);
  const setValues = (next: SubscribeFormValues) => connectionId && setSubscribeForm(connectionId, next);
  const [errors, setErrors] = useState<SubscribeFormErrors>({});
  const { busy, error, run } = useAction();
  const canAct = availability.live && !!api;

  const refresh = useCallback(async () => {
    if (!api || !connectionId) return setFilters([]);
    setFilters((await api.request('connection.subscriptions', { connectionId })).subscriptions);
  }, [api, connectionId]);

  // Asked again when the connection changes, and when it becomes (or stops being) live.
  useEffect(() => {
    setPending(new Map());
    setUnsubscribeProblems({});
    void run(refresh);
  }, [refresh, availability.live]);

  const mark = (topic: string, action?: PendingAction, subscription?: LiveSubscription) =>
    setPending((current) => {
      const next = new Map(current);
      if (action) next.set(topic, { action, subscription });
      else next.delete(topic);
      return next;
    });

  function update<K extends keyof SubscribeFormValues>(name: K, value: SubscribeFormValues[K]) {
    const next = { ...values, [name]: value };
    setValues(next);
    if (Object.keys(errors).length > 0) {
      const parsed = parseSubscribeForm(next, v5);
      setErrors(parsed.ok ? {} : parsed.errors);
    }
  }

  function subscribe() {
    if (!canAct || busy) return;
    const parsed = parseSubscribeForm(values, v5);
    setErrors(parsed.ok ? {} : parsed.errors);
    if (!parsed.ok || !connectionId || !api) return;
    const { subscription, subscriptionIdentifier } = parsed;
    mark(subscription.topic, 'subscribe', subscription);
    void run(async () => {
      try {
        const answer = api.request('connection.subscribe', { connectionId, subscriptions: [subscription], ...(subscriptionIdentifier !== undefined ? { subscriptionIdentifier } : {}) });
        // The filter is in the engine's table as soon as the SUBSCRIBE is out: shown waiting.
        await refresh();
        await answer;
      } finally {
        mark(subscription.topic);
        await refresh();
      }
    });
  }

  function unsubscribe(topic: string) {
    if (!connectionId || !api) return;
    mark(topic, 'unsubscribe');
    setUnsubscribeProblems(({ [topic]: _done, ...rest }) => rest);
    void run(async () => {
      try {
        const { results } = await api.request('connection.unsubscribe', { connectionId, topics: [topic] });
        const refused = results.find((result) => !result.ok);
        if (refused) setUnsubscribeProblems((current) => ({ ...current, [topic]: `Still subscribed: ${refused.words}` }));
      } finally {
        mark(topic);
        await refresh();
      }
    });
  }

  const rows = filterRows(filters, pending);

  return (
    <section
      className="card live-panel subscriptions-panel"
      aria-labelledby="subscriptions-title"
      data-own-submit
      onKeyDown={onSubmitShortcut(() => subscribe())}
    >
      <h2 id="subscriptions-title">Subscriptions</h2>
      <form
        noValidate
        aria-label="Subscribe"
        onSubmit={(event) => {
          event.preventDefault();
          subscribe();
        }}
      >
        <div className="live-row grow-first">
          <LabelledField name="filter" label="Topic filter" error={errors.topic}>
            {(props) => <input {...props} value={values.topic} autoComplete="off" spellCheck={false} onChange={(event) => update('topic', event.target.value)} />}
          </LabelledField>
          <LabelledField name="subscribeQos" label="Maximum QoS">
            {(props) => (
              <select {...props} value={values.qos} onChange={(event) => update('qos', event.target.value as SubscribeFormValues['qos'])}>
                {QOS_CHOICES.map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </LabelledField>
        </div>
        {v5 && (
          <div className="live-row">
            <LabelledField name="noLocal" label="No Local" inline hint="Not my own messages" error={errors.noLocal}>
              {(props) => <input {...props} type="checkbox" checked={values.noLocal} onChange={(event) => update('noLocal', event.target.checked)} />}
            </LabelledField>
            <LabelledField name="retainAsPublished" label="Retain As Published" inline>
              {(props) => <input {...props} type="checkbox" checked={values.retainAsPublished} onChange={(event) => update('retainAsPublished', event.target.checked)} />}
            </LabelledField>
            <LabelledField name="retainHandling" label="Retain Handling">
              {(props) => (
                <select {...props} value={values.retainHandling} onChange={(event) => update('retainHandling', event.target.value as SubscribeFormValues['retainHandling'])}>
                  {RETAIN_HANDLING_CHOICES.map(([value, text]) => (
                    <option key={value} value={value}>
                      {text}
                    </option>
                  ))}
                </select>
              )}
            </LabelledField>
            <LabelledField name="subscriptionIdentifier" label="Subscription identifier" error={errors.subscriptionIdentifier}>
              {(props) => <input {...props} inputMode="numeric" value={values.subscriptionIdentifier} autoComplete="off" onChange={(event) => update('subscriptionIdentifier', event.target.value)} />}
            </LabelledField>
          </div>
        )}
        <div className="button-row">
          <button type="submit" disabled={!canAct} aria-disabled={busy || undefined} aria-keyshortcuts="Control+Enter" title="Subscribe (Ctrl+Enter)">
            Subscribe
          </button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {rows.length === 0 ? (
        <p className="muted">{availability.live ? 'No topic filters on this connection.' : ''}</p>
      ) : (
        <ul className="live-list" aria-label="Topic filters">
          {rows.map(({ state, pending: awaiting }) => (
            <SubscriptionRow
              key={state.subscription.topic}
              state={state}
              pending={awaiting}
              unsubscribeProblem={unsubscribeProblems[state.subscription.topic]}
              canAct={canAct}
              onUnsubscribe={() => unsubscribe(state.subscription.topic)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
