// What runs locally under the engine: the broker and the recording proxy, and what the broker
// reported on its own (refusals, wills, takeovers).
import type { StateCreator } from 'zustand';
import type { RunningBrokerInfo, RunningProxyInfo } from '@shared/contract';
import type { BrokerEvent } from '@shared/model/broker';
import type { AppState } from './index';
import { KEPT_EVENTS } from '../limits';


export interface LocalSlice {
  broker?: RunningBrokerInfo;
  proxy?: RunningProxyInfo;
  brokerEvents: BrokerEvent[];
  /** Clients connected to the local broker (client id by the broker's connection id), kept apart
   *  from the events, which fall off: a burst of ACL decisions must not hide who is connected. */
  brokerClients: Record<string, string>;
  /** Changes when the broker says its sessions changed, so the sessions view reads them again. */
  sessionsStamp: number;
  setLocal(update: { broker?: RunningBrokerInfo; proxy?: RunningProxyInfo }): void;
  addBrokerEvent(event: BrokerEvent): void;
}

function clientsAfter(clients: Record<string, string>, event: BrokerEvent): Record<string, string> {
  if (event.type === 'client-connected') return { ...clients, [event.connectionId]: event.clientId };
  if (event.type !== 'client-disconnected' || !(event.connectionId in clients)) return clients;
  const { [event.connectionId]: _gone, ...rest } = clients;
  return rest;
}

export const createLocalSlice: StateCreator<AppState, [], [], LocalSlice> = (set) => ({
  brokerEvents: [],
  brokerClients: {},
  sessionsStamp: 0,
  setLocal: (update) => set(update),
  addBrokerEvent: (event) =>
    set((state) => ({
      brokerEvents: event.type === 'sessions-changed' ? state.brokerEvents : [...state.brokerEvents.slice(-(KEPT_EVENTS - 1)), event],
      // Every change to the sessions is reported as `sessions-changed`; other events need no new read.
      sessionsStamp: event.type === 'sessions-changed' ? state.sessionsStamp + 1 : state.sessionsStamp,
      brokerClients: clientsAfter(state.brokerClients, event),
    })),
});
