// The connection form's values, kept in the store so a profile or a pasted URL can fill them.
import type { StateCreator } from 'zustand';
import { DEFAULT_CONNECT_FORM, formValuesOf, type ConnectFormValues } from '@shared/model/connect-form';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { AppState } from './index';

export interface FormSlice {
  form: ConnectFormValues;
  setForm(update: (current: ConnectFormValues) => ConnectFormValues): void;
  loadOptions(options: ConnectOptions): void;
}

export const createFormSlice: StateCreator<AppState, [], [], FormSlice> = (set) => ({
  form: DEFAULT_CONNECT_FORM,
  setForm: (update) => set((state) => ({ form: update(state.form) })),
  loadOptions: (options) => set({ form: formValuesOf(options) }),
});
