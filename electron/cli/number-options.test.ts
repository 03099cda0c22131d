// The number options are described once (shared/model/connect-fields.ts): the form and the
// command line read each the same way, from the same row.
import { describe, expect, it } from 'vitest';
import { NUMBER_OPTIONS, numberMessage, valueAt, type NumberOption } from '@shared/model/connect-fields';
import { DEFAULT_CONNECT_FORM, formValuesOf, parseConnectForm, type ConnectFormValues } from '@shared/model/connect-form';
import { parseConnectCommand, UsageError } from './connect-options';

const options = NUMBER_OPTIONS as readonly NumberOption[];
const needsWill = (option: NumberOption) => option.path[0] === 'will';

describe('each number option, from its one row', () => {
  it.each(options.map((option) => [option.field, option] as const))('%s: the form and its flag put 7 in the same place, and the form reads it back', (_field, option) => {
    const form: ConnectFormValues = { ...DEFAULT_CONNECT_FORM, protocolVersion: '5', willTopic: 'w', [option.field]: '7' };
    const parsed = parseConnectForm(form);
    expect(parsed.ok).toBe(true);
    const fromForm = parsed.ok ? parsed.options : undefined;
    expect(valueAt(fromForm, option.path)).toBe(7);
    expect(formValuesOf(fromForm!)[option.field as keyof ConnectFormValues]).toBe('7');
    if (option.flag) {
      const command = parseConnectCommand(['mqtt://127.0.0.1:1883', '--protocol', '5', '--will-topic', 'w', `--${option.flag}`, '7']);
      expect(valueAt(command.options, option.path)).toBe(7);
    }
  });

  it.each(options.map((option) => [option.field, option] as const))('%s: out of range, the form says so in the row’s words', (_field, option) => {
    const parsed = parseConnectForm({ ...DEFAULT_CONNECT_FORM, protocolVersion: '5', willTopic: 'w', [option.field]: String(option.max + 1) });
    expect(parsed).toEqual({ ok: false, errors: { [option.field]: numberMessage(option) } });
  });

  it('an MQTT 5 flag without --protocol 5, and a will property without a will, are refused', () => {
    for (const option of options.filter((row) => row.v5 && row.flag)) {
      expect(() => parseConnectCommand(['mqtt://127.0.0.1:1883', '--will-topic', 'w', `--${option.flag}`, '7'])).toThrow(`--${option.flag} is an MQTT 5 property: add --protocol 5`);
    }
    for (const option of options.filter((row) => needsWill(row) && row.flag)) {
      expect(() => parseConnectCommand(['mqtt://127.0.0.1:1883', '--protocol', '5', `--${option.flag}`, '7'])).toThrow(new UsageError(`--${option.flag} needs --will-topic`));
    }
  });
});
