// The handshake lab as the engine pushes it: the run going on now, and each experiment's latest
// result against the broker tested last (what `lab.report` saves).
import type { StateCreator } from 'zustand';
import type { LabProgress, LabResult } from '@shared/model/lab';
import type { AppState } from './index';

export interface LabSlice {
  /** Each experiment's latest result against `labBroker`, by experiment name. */
  labResults: Record<string, LabResult>;
  /** The broker those results are from, as `host:port`. */
  labBroker?: string;
  /** The experiment running now; undefined between runs. */
  labProgress?: LabProgress;
  setLabProgress(progress: LabProgress): void;
  addLabResult(result: LabResult): void;
}

export const createLabSlice: StateCreator<AppState, [], [], LabSlice> = (set) => ({
  labResults: {},
  setLabProgress: (progress) =>
    set((state) => ({
      labProgress: progress.running ? progress : undefined,
      // As in the engine's report: a run against another broker starts the results over.
      ...(progress.broker === state.labBroker ? {} : { labBroker: progress.broker, labResults: {} }),
    })),
  addLabResult: (result) => set((state) => ({ labResults: { ...state.labResults, [result.name]: result } })),
});
