import { describe, expect, it } from 'vitest';
import type { LabResult } from '@shared/model/lab';
import { useStore } from './index';

const result = (name: string, verdict: LabResult['verdict']): LabResult => ({ name, title: name, clause: '', expectation: '', verdict, observation: '', evidence: [], durationMs: 1 });

describe('the lab in the store', () => {
  it('shows the run going on, keeps each experiment\'s latest result, and starts over for another broker', () => {
    const { setLabProgress, addLabResult } = useStore.getState();
    setLabProgress({ broker: 'a:1', running: { name: 'accepted', title: 'Accepted connection' }, done: 0, total: 2 });
    addLabResult(result('accepted', 'fail'));
    addLabResult(result('accepted', 'pass'));
    expect(useStore.getState().labProgress?.running?.title).toBe('Accepted connection');
    setLabProgress({ broker: 'a:1', done: 1, total: 1 });
    expect(useStore.getState().labProgress).toBeUndefined();
    setLabProgress({ broker: 'a:1', running: { name: 'keep-alive', title: 'Keep alive' }, done: 0, total: 1 });
    addLabResult(result('keep-alive', 'pass'));
    expect(Object.values(useStore.getState().labResults).map(({ name, verdict }) => `${name} ${verdict}`)).toEqual(['accepted pass', 'keep-alive pass']);
    setLabProgress({ broker: 'b:2', running: { name: 'accepted', title: 'Accepted connection' }, done: 0, total: 1 });
    expect(useStore.getState().labResults).toEqual({});
    expect(useStore.getState().labBroker).toBe('b:2');
  });
});
