// What was done on live connections from this page: each connection's publish history (newest
// first, bounded) and the progress of its repeated publication. Kept in memory only: a reload
// starts with an empty history (the PUBLISH packets themselves stay in the connection's trace).
import type { StateCreator } from 'zustand';
import type { LivePublication, RepeatProgress } from '@shared/model/live-actions';
import type { PayloadFormat } from '@shared/model/payload-encoding';
import { DEFAULT_PUBLISH_FORM, type PublishFormValues, type Repeat } from '@shared/model/publish-form';
import type { AppState } from './index';

/** Publications a connection's history keeps; the oldest goes first. */
export const PUBLISH_HISTORY_LIMIT = 50;

export interface SentPublication {
  publication: LivePublication;
  /** How the payload was written, to show it the same way again. */
  payloadFormat: PayloadFormat;
  /** When it was sent (ms since the epoch). */
  at: number;
  repeat?: Repeat;
}

export interface LiveSlice {
  /** Whether the Publish and Subscriptions panels are shown (opened from the connection's actions). */
  liveActionsOpen: boolean;
  setLiveActionsOpen(open: boolean): void;
  /** The Publish form as typed: kept while its panel is closed, and across connections. */
  publishForm: PublishFormValues;
  setPublishForm(values: PublishFormValues): void;
  publishHistory: Record<string, SentPublication[]>;
  repeats: Record<string, RepeatProgress>;
  /** Puts a sent publication first; the same one sent again moves up instead of repeating. */
  recordPublication(connectionId: string, sent: SentPublication): void;
  /** What the engine said of a repeated publication (or what the page expects before it speaks). */
  applyRepeat(progress: RepeatProgress): void;
}

const sameSend = (a: SentPublication, b: SentPublication) =>
  a.payloadFormat === b.payloadFormat && JSON.stringify(a.publication) === JSON.stringify(b.publication) && JSON.stringify(a.repeat) === JSON.stringify(b.repeat);

export const createLiveSlice: StateCreator<AppState, [], [], LiveSlice> = (set) => ({
  liveActionsOpen: false,
  setLiveActionsOpen: (open) => set({ liveActionsOpen: open }),
  publishForm: DEFAULT_PUBLISH_FORM,
  setPublishForm: (values) => set({ publishForm: values }),
  publishHistory: {},
  repeats: {},
  recordPublication: (connectionId, sent) =>
    set((state) => {
      const earlier = (state.publishHistory[connectionId] ?? []).filter((entry) => !sameSend(entry, sent));
      return { publishHistory: { ...state.publishHistory, [connectionId]: [sent, ...earlier].slice(0, PUBLISH_HISTORY_LIMIT) } };
    }),
  applyRepeat: (progress) => set((state) => ({ repeats: { ...state.repeats, [progress.connectionId]: progress } })),
});
