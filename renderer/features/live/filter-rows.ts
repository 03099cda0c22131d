// The rows of the Subscriptions list: the engine's table, each with what this page still waits
// for, and a filter being subscribed that the table does not show yet (its SUBSCRIBE not out).
import type { LiveSubscription, SubscriptionState } from '@shared/model/live-actions';

export type PendingAction = 'subscribe' | 'unsubscribe';

export interface PendingFilter {
  action: PendingAction;
  /** What is being subscribed (absent for an UNSUBSCRIBE). */
  subscription?: LiveSubscription;
}

export interface FilterRow {
  state: SubscriptionState;
  pending?: PendingAction;
}

export function filterRows(table: readonly SubscriptionState[], pending: ReadonlyMap<string, PendingFilter>): FilterRow[] {
  const rows: FilterRow[] = table.map((state) => ({ state, pending: pending.get(state.subscription.topic)?.action }));
  const listed = new Set(table.map((state) => state.subscription.topic));
  for (const [topic, entry] of pending) {
    if (entry.subscription && !listed.has(topic)) rows.push({ state: { subscription: entry.subscription }, pending: entry.action });
  }
  return rows;
}
