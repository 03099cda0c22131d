// The link to the engine: the API in use and whether it still works.
import type { StateCreator } from 'zustand';
import type { EngineApi } from '@shared/contract';
import type { AppState } from './index';

export interface EngineSlice {
  api?: EngineApi;
  engineProblem?: string;
  setApi(api: EngineApi): void;
  setEngineProblem(message: string): void;
}

export const createEngineSlice: StateCreator<AppState, [], [], EngineSlice> = (set) => ({
  setApi: (api) => set({ api }),
  setEngineProblem: (message) => set({ engineProblem: message }),
});
