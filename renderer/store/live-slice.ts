// What was done on live connections from this page: each connection's publish history (newest
// first, bounded), the progress of its repeated publication, its Publish and Subscribe forms as
// typed and the line that says what its last publication did — all per connection, so another
// connection never shows this one's. Kept in memory only: a reload
// starts with an empty history (the PUBLISH packets themselves stay in the connection's trace).
import type { StateCreator } from 'zustand';
import type { LivePublication, RepeatProgress } from '@shared/model/live-actions';
import type { PayloadFormat } from '@shared/model/payload-encoding';
import { DEFAULT_PUBLISH_FORM, type PublishFormValues, type Repeat } from '@shared/model/publish-form';
import { DEFAULT_SUBSCRIBE_FORM, type SubscribeFormValues } from '@shared/model/subscribe-form';
import type { AppState } from './index';
import { PUBLISH_HISTORY_LIMIT } from '../limits';


export interface SentPublication {
  publication: LivePublication;
  /** How the payload was written, to show it the same way again. */
  payloadFormat: PayloadFormat;
  /** When it was sent (ms since the epoch). */
  at: number;
  repeat?: Repeat;
}

/** What the last publication from the Publish form did: sent once, or repeating (its end is
 *  the repeat's progress). */
export type PublishNote = { kind: 'sent'; target: string; packetId?: number } | { kind: 'repeat'; target: string };

export interface LiveSlice {
  /** Each connection's Publish form as typed, kept while its panel is closed; a connection
   *  without one starts from the defaults (read it with `publishFormFor`). */
  publishForms: Record<string, PublishFormValues>;
  setPublishForm(connectionId: string, values: PublishFormValues): void;
  subscribeForms: Record<string, SubscribeFormValues>;
  setSubscribeForm(connectionId: string, values: SubscribeFormValues): void;
  publishNotes: Record<string, PublishNote>;
  /** Undefined clears it: a new attempt makes the last one's outcome old news. */
  setPublishNote(connectionId: string, note: PublishNote | undefined): void;
  publishHistory: Record<string, SentPublication[]>;
  repeats: Record<string, RepeatProgress>;
  /** Puts a sent publication first; the same one sent again moves up instead of repeating. */
  recordPublication(connectionId: string, sent: SentPublication): void;
  /** What the engine said of a repeated publication (or what the page expects before it speaks). */
  applyRepeat(progress: RepeatProgress): void;
}

const sameSend = (a: SentPublication, b: SentPublication) =>
  a.payloadFormat === b.payloadFormat && JSON.stringify(a.publication) === JSON.stringify(b.publication) && JSON.stringify(a.repeat) === JSON.stringify(b.repeat);

export const publishFormFor = (state: LiveSlice, connectionId: string | undefined) => (connectionId && state.publishForms[connectionId]) || DEFAULT_PUBLISH_FORM;
export const subscribeFormFor = (state: LiveSlice, connectionId: string | undefined) => (connectionId && state.subscribeForms[connectionId]) || DEFAULT_SUBSCRIBE_FORM;

export const createLiveSlice: StateCreator<AppState, [], [], LiveSlice> = (set) => ({
  publishForms: {},
  setPublishForm: (connectionId, values) => set((state) => ({ publishForms: { ...state.publishForms, [connectionId]: values } })),
  subscribeForms: {},
  setSubscribeForm: (connectionId, values) => set((state) => ({ subscribeForms: { ...state.subscribeForms, [connectionId]: values } })),
  publishNotes: {},
  setPublishNote: (connectionId, note) =>
    set((state) => {
      const { [connectionId]: _old, ...rest } = state.publishNotes;
      return { publishNotes: note ? { ...rest, [connectionId]: note } : rest };
    }),
  publishHistory: {},
  repeats: {},
  recordPublication: (connectionId, sent) =>
    set((state) => {
      const earlier = (state.publishHistory[connectionId] ?? []).filter((entry) => !sameSend(entry, sent));
      return { publishHistory: { ...state.publishHistory, [connectionId]: [sent, ...earlier].slice(0, PUBLISH_HISTORY_LIMIT) } };
    }),
  applyRepeat: (progress) => set((state) => ({ repeats: { ...state.repeats, [progress.connectionId]: progress } })),
});

/** The live slice without what it kept for one connection (its tab closed). */
export function liveWithout(state: LiveSlice & Pick<AppState, 'connectionProfiles'>, connectionId: string) {
  const drop = <T,>(record: Record<string, T>) => {
    const { [connectionId]: _dropped, ...rest } = record;
    return rest;
  };
  return {
    publishForms: drop(state.publishForms),
    subscribeForms: drop(state.subscribeForms),
    publishNotes: drop(state.publishNotes),
    publishHistory: drop(state.publishHistory),
    repeats: drop(state.repeats),
    connectionProfiles: drop(state.connectionProfiles),
  };
}
