import { describe, expect, it } from 'vitest';
import type { EngineApi } from '@shared/contract';
import { DEFAULT_CONNECT_FORM } from '@shared/model/connect-form';
import type { ConnectOptions } from '@shared/model/connect-options';
import { useStore } from '../../store';
import { openFormConnection } from './open-connection';

const options: ConnectOptions = { host: '127.0.0.1', port: 1883, protocolVersion: '3.1.1', clientId: 'slow', clean: true, keepAlive: 60 };

/** An engine whose answer to connection.open comes when the test says. */
function slowEngine() {
  let answer: (value: { connectionId: string }) => void = () => {};
  const api = { request: () => new Promise((resolve) => (answer = resolve)), on: () => () => {} } as unknown as EngineApi;
  return { api, answer: (connectionId: string) => answer({ connectionId }) };
}

describe('Connect from the form', () => {
  it('shows the new connection when the person stayed where they pressed Connect', async () => {
    useStore.getState().showView('form');
    const engine = slowEngine();
    const opening = openFormConnection(engine.api, DEFAULT_CONNECT_FORM, options);
    engine.answer('stayed');
    await opening;
    expect(useStore.getState()).toMatchObject({ view: 'connection', activeId: 'stayed' });
  });

  it('leaves the person in a view they went to while the connection was being opened (a busy machine answers late)', async () => {
    useStore.getState().showView('form');
    const engine = slowEngine();
    const opening = openFormConnection(engine.api, DEFAULT_CONNECT_FORM, options);
    useStore.getState().showView('broker');
    engine.answer('went-away');
    await opening;
    expect(useStore.getState()).toMatchObject({ view: 'broker', activeId: 'went-away' });
    expect(useStore.getState().connections['went-away']?.options).toEqual(options);
  });
});
