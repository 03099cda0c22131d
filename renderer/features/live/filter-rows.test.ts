// The Subscriptions list while answers are awaited: a filter waits from the moment it is asked
// for until its acknowledgement, whether or not the engine's table shows it yet.
import { describe, expect, it } from 'vitest';
import type { SubscriptionState } from '@shared/model/live-actions';
import { filterRows, type PendingFilter } from './filter-rows';

const granted: SubscriptionState = { subscription: { topic: 'a', qos: 1 }, outcome: { ok: true, grantedQos: 1, code: 1, words: 'Granted QoS 1' } };
const awaited: SubscriptionState = { subscription: { topic: 'b', qos: 0 } };

describe('filterRows', () => {
  it('shows the table as it is when nothing is awaited', () => {
    expect(filterRows([granted, awaited], new Map())).toEqual([{ state: granted, pending: undefined }, { state: awaited, pending: undefined }]);
  });

  it('marks the filters awaiting an answer, and adds one being subscribed that the table does not have yet', () => {
    const pending = new Map<string, PendingFilter>([
      ['a', { action: 'unsubscribe' }],
      ['c', { action: 'subscribe', subscription: { topic: 'c', qos: 2 } }],
      // An UNSUBSCRIBE of a filter the table no longer has adds no row.
      ['gone', { action: 'unsubscribe' }],
    ]);
    expect(filterRows([granted], pending)).toEqual([
      { state: granted, pending: 'unsubscribe' },
      { state: { subscription: { topic: 'c', qos: 2 } }, pending: 'subscribe' },
    ]);
  });
});
