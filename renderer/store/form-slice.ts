// The connection form's values, kept in the store so a profile or a pasted URL can fill them,
// and the broker URL as typed (empty once it no longer describes the fields).
import type { StateCreator } from 'zustand';
import { DEFAULT_CONNECT_FORM, formValuesOf, type ConnectFormValues } from '@shared/model/connect-form';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { AppState } from './index';

export interface FormSlice {
  form: ConnectFormValues;
  /** The Broker URL field's text. */
  brokerUrl: string;
  setForm(update: (current: ConnectFormValues) => ConnectFormValues): void;
  setBrokerUrl(text: string): void;
  loadOptions(options: ConnectOptions): void;
  /** The connection the form opened last, while the form is unchanged since: the form does not
   *  warn about it as another connection with its client id (it is this form's own). Any change
   *  of the form forgets it. */
  formConnectionId?: string;
  formOpened(connectionId: string): void;
}

export const createFormSlice: StateCreator<AppState, [], [], FormSlice> = (set) => ({
  form: DEFAULT_CONNECT_FORM,
  brokerUrl: '',
  setForm: (update) =>
    set((state) => {
      const form = update(state.form);
      return form === state.form ? {} : { form, formConnectionId: undefined };
    }),
  setBrokerUrl: (text) => set({ brokerUrl: text }),
  loadOptions: (options) => set({ form: formValuesOf(options), brokerUrl: '', formConnectionId: undefined }),
  formOpened: (connectionId) => set({ formConnectionId: connectionId }),
});

/** The open connections the form warns about as it is typed: all but the one it just opened.
 *  Connect pressed again checks against all of them (a second connection takes that one over). */
export function connectionsToWarnAbout<T extends { id: string }>(open: readonly T[], formConnectionId: string | undefined): T[] {
  return open.filter((connection) => connection.id !== formConnectionId);
}
