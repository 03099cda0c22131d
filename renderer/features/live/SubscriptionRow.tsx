// One topic filter of the live connection: what was asked, what the SUBACK granted or why it
// refused, or that the answer is awaited; and Unsubscribe.
import type { SubscriptionState } from '@shared/model/live-actions';
import type { PendingAction } from './filter-rows';

interface SubscriptionRowProps {
  state: SubscriptionState;
  pending?: PendingAction;
  /** Why the last UNSUBSCRIBE of this filter did not remove it. */
  unsubscribeProblem?: string;
  canAct: boolean;
  onUnsubscribe(): void;
}

function askedText({ subscription, subscriptionIdentifier }: SubscriptionState): string {
  const options = [
    `QoS ${subscription.qos} asked`,
    subscription.noLocal && 'No Local',
    subscription.retainAsPublished && 'Retain As Published',
    subscription.retainHandling !== undefined && subscription.retainHandling > 0 && `Retain Handling ${subscription.retainHandling}`,
    subscriptionIdentifier !== undefined && `identifier ${subscriptionIdentifier}`,
  ];
  return options.filter(Boolean).join(' · ');
}

export function SubscriptionRow({ state, pending, unsubscribeProblem, canAct, onUnsubscribe }: SubscriptionRowProps) {
  const { topic } = state.subscription;
  const outcome = state.outcome;
  const answer =
    pending === 'unsubscribe' ? 'Waiting for the UNSUBACK…' : !outcome || pending === 'subscribe' ? 'Waiting for the SUBACK…' : outcome.words;
  const tone = pending || !outcome ? 'pending' : outcome.ok ? 'ok' : 'refused';
  return (
    <li className="subscription-row" aria-label={topic}>
      <span className="live-list-main">
        <code>{topic}</code> <span className="muted">{askedText(state)}</span>
      </span>
      <span className={`subscription-outcome subscription-${tone}`}>{answer}</span>
      <button type="button" className="small" disabled={!canAct || pending !== undefined} aria-label={`Unsubscribe from ${topic}`} onClick={onUnsubscribe}>
        Unsubscribe
      </button>
      {unsubscribeProblem && <p className="field-error">{unsubscribeProblem}</p>}
    </li>
  );
}
