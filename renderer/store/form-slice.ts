// The connection form's values, kept in the store so a profile can fill them.
import type { StateCreator } from 'zustand';
import { DEFAULT_CONNECT_FORM, type ConnectFormValues, type ConnectOptions } from '@shared/model/connect-options';
import type { AppState } from './index';

export interface FormSlice {
  form: ConnectFormValues;
  setForm(update: (current: ConnectFormValues) => ConnectFormValues): void;
  /** Fills the form from saved options (fields the form does not show yet stay with the profile). */
  loadOptions(options: ConnectOptions): void;
}

export function formValuesOf(options: ConnectOptions): ConnectFormValues {
  return {
    host: options.host,
    port: String(options.port),
    protocolVersion: options.protocolVersion,
    clientId: options.clientId,
    clean: options.clean,
    keepAlive: String(options.keepAlive),
    username: options.username ?? '',
    password: options.password ?? '',
  };
}

export const createFormSlice: StateCreator<AppState, [], [], FormSlice> = (set) => ({
  form: DEFAULT_CONNECT_FORM,
  setForm: (update) => set((state) => ({ form: update(state.form) })),
  loadOptions: (options) => set({ form: formValuesOf(options) }),
});
