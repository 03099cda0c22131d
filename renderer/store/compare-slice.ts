// Whether the "Compare handshakes" region is shown: opened from the connection's actions, shown
// in the inspector below its status.
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface CompareSlice {
  comparing: boolean;
  setComparing(comparing: boolean): void;
}

export const createCompareSlice: StateCreator<AppState, [], [], CompareSlice> = (set) => ({
  comparing: false,
  setComparing: (comparing) => set({ comparing }),
});
