// The topic chosen in the Topics region, per connection: the plot follows it.
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface TopicChoiceSlice {
  /** By connection id. */
  chosenTopics: Record<string, string>;
  chooseTopic(connectionId: string, topic: string): void;
}

export const createTopicChoiceSlice: StateCreator<AppState, [], [], TopicChoiceSlice> = (set) => ({
  chosenTopics: {},
  chooseTopic: (connectionId, topic) => set((state) => ({ chosenTopics: { ...state.chosenTopics, [connectionId]: topic } })),
});

/** The active connection's chosen topic. */
export const activeChosenTopic = (state: AppState): string | undefined => (state.activeId ? state.chosenTopics[state.activeId] : undefined);
