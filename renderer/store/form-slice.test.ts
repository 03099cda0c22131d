import { describe, expect, it } from 'vitest';
import { connectionsToWarnAbout } from './form-slice';
import { useStore } from './index';

describe('the connection the form just opened', () => {
  it('is not warned about as another connection with its client id, until the form changes', () => {
    const open = [{ id: 'earlier' }, { id: 'just-opened' }];
    useStore.getState().formOpened('just-opened');
    expect(connectionsToWarnAbout(open, useStore.getState().formConnectionId)).toEqual([{ id: 'earlier' }]);

    // Nothing changed: still the form's own.
    useStore.getState().setForm((form) => form);
    expect(useStore.getState().formConnectionId).toBe('just-opened');

    useStore.getState().setForm((form) => ({ ...form, clientId: 'another' }));
    expect(useStore.getState().formConnectionId).toBeUndefined();
    expect(connectionsToWarnAbout(open, useStore.getState().formConnectionId)).toEqual(open);

    useStore.getState().formOpened('just-opened');
    useStore.getState().loadOptions({ host: 'h', port: 1883, protocolVersion: '3.1.1', clientId: 'p', clean: true, keepAlive: 60 });
    expect(useStore.getState().formConnectionId).toBeUndefined();
  });
});
