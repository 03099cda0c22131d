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
}

export const createFormSlice: StateCreator<AppState, [], [], FormSlice> = (set) => ({
  form: DEFAULT_CONNECT_FORM,
  brokerUrl: '',
  setForm: (update) => set((state) => ({ form: update(state.form) })),
  setBrokerUrl: (text) => set({ brokerUrl: text }),
  loadOptions: (options) => set({ form: formValuesOf(options), brokerUrl: '' }),
});
