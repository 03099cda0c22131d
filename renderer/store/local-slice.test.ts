import { describe, expect, it } from 'vitest';
import type { BrokerEvent } from '@shared/model/broker';
import { useStore } from './index';

describe('the local broker in the store', () => {
  it('keeps who is connected when a burst of ACL decisions pushes the older events out', () => {
    const { addBrokerEvent } = useStore.getState();
    addBrokerEvent({ type: 'client-connected', time: 1, connectionId: 'c1', clientId: 'reader', clean: true });
    addBrokerEvent({ type: 'client-connected', time: 2, connectionId: 'c2', clientId: 'writer', clean: true });
    for (let index = 0; index < 300; index++) {
      const decision: BrokerEvent = { type: 'acl', time: 3 + index, connectionId: 'c1', clientId: 'reader', operation: 'deliver', topic: `t/${index}`, allowed: true, line: 1 };
      addBrokerEvent(decision);
    }
    addBrokerEvent({ type: 'client-disconnected', time: 400, connectionId: 'c2', clientId: 'writer' });
    const state = useStore.getState();
    expect(state.brokerEvents.some((event) => event.type === 'client-connected')).toBe(false);
    expect(state.brokerClients).toEqual({ c1: 'reader' });
  });
});
