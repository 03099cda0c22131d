// What a feature answers: one handler per request of its part of the contract, given the
// parameters as the contract's schema parsed them. `Handlers` over every request is what the
// engine holds, so a request without its handler is a type error there.
import type { EventName, EventPayloads, parseRequestParams, RequestName, RequestResults } from '@shared/contract';

export type Handler<N extends RequestName> = (params: ReturnType<typeof parseRequestParams<N>>) => Promise<RequestResults[N]>;

export type Handlers = { [N in RequestName]: Handler<N> };

/** The handlers of one feature: one for each request of its schemas, no more, no fewer. */
export type FeatureHandlers<Schemas> = { [N in keyof Schemas & RequestName]: Handler<N> };

export type EventSink = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;
