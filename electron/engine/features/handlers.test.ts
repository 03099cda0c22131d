// The handler map proves at compile time that every request is answered: these lines compile
// only while a missing handler is a type error (tsc checks the @ts-expect-error lines), and the
// engine's features together answer each request of the contract once.
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES } from '@shared/contract';
import type { labRequests } from '@shared/contract/lab';
import type { FeatureHandlers, Handlers } from './handlers';

describe('the handler map', () => {
  it('a feature that leaves out one of its requests is a type error', () => {
    const list: FeatureHandlers<typeof labRequests>['lab.list'] = async () => ({ experiments: [] });
    // @ts-expect-error: 'lab.run' and 'lab.report' have no handler
    const missing: FeatureHandlers<typeof labRequests> = { 'lab.list': list };
    expect(Object.keys(missing)).toEqual(['lab.list']);
  });

  it('handlers of some features only are not the engine\'s map: a type error', () => {
    const list: Handlers['lab.list'] = async () => ({ experiments: [] });
    // @ts-expect-error: every request but 'lab.list' is missing
    const missing: Handlers = { 'lab.list': list };
    expect(Object.keys(missing).length).toBeLessThan(REQUEST_NAMES.length);
  });
});
