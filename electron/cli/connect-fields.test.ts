// The connection options are described once (shared/model/connect-fields.ts): the form and the
// command line read each the same way, from the same row, and the form reads it back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONNECT_OPTIONS, NUMBER_OPTIONS, numberMessage, valueAt, type ConnectOption } from '@shared/model/connect-fields';
import { DEFAULT_CONNECT_FORM, formValuesOf, parseConnectForm, type ConnectFormValues } from '@shared/model/connect-form';
import { CONNECT_USAGE, parseConnectCommand, UsageError } from './connect-options';

const rows = CONNECT_OPTIONS as readonly ConnectOption[];
const needsWill = (option: ConnectOption) => option.path[0] === 'will' && option.field !== 'willTopic';

/** A value for the row that differs from what the field holds when nobody touches it. */
function sample(option: ConnectOption): { form: string | boolean; options: unknown } {
  switch (option.kind) {
    case 'number':
      return { form: '7', options: 7 };
    case 'qos':
      return { form: '1', options: 1 };
    case 'flag':
      return { form: !option.unset, options: !option.unset };
    case 'text':
      return option.field === 'wsPath' ? { form: '/x7', options: '/x7' } : { form: 'x7', options: 'x7' };
  }
}

// wss with a will and MQTT 5: every part an option can go into exists.
const EVERYTHING: ConnectFormValues = { ...DEFAULT_CONNECT_FORM, transport: 'wss', protocolVersion: '5', willTopic: 'w' };
const EVERYTHING_FLAGS = ['wss://127.0.0.1:1883', '--protocol', '5', '--will-topic', 'w'];

describe('each connection option, from its one row', () => {
  it.each(rows.map((option) => [option.field, option] as const))('%s: the form puts its value where the row says, and reads it back', (_field, option) => {
    const { form, options } = sample(option);
    const parsed = parseConnectForm({ ...EVERYTHING, [option.field]: form });
    expect(parsed.ok && valueAt(parsed.options, option.path)).toEqual(options);
    expect(parsed.ok && formValuesOf(parsed.options)[option.field as keyof ConnectFormValues]).toEqual(form);
  });

  it.each(rows.filter((option) => option.flag).map((option) => [option.flag!, option] as const))('--%s puts the same value in the same place', (flag, option) => {
    const { options } = sample(option);
    let args: string[];
    if (option.kind === 'flag') args = [`--${flag}`];
    else if (option.kind === 'text' && option.fromFile) {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'mqttscope-flag-')), 'value.pem');
      writeFileSync(file, 'x7');
      args = [`--${flag}`, file];
    } else args = [`--${flag}`, String(sample(option).form)];
    const command = parseConnectCommand([...EVERYTHING_FLAGS, ...args]);
    expect(valueAt(command.options, option.path)).toEqual(option.kind === 'flag' ? (option.flagSets ?? true) : options);
    expect(CONNECT_USAGE).toContain(`--${flag}`);
  });

  it('the form sends nothing for an option left as it was, except what every connection carries', () => {
    const parsed = parseConnectForm({ ...DEFAULT_CONNECT_FORM, protocolVersion: '5' });
    expect(parsed.ok && parsed.options).toEqual({ host: '127.0.0.1', port: 1883, protocolVersion: '5', clientId: '', clean: true, keepAlive: 60 });
  });

  it('the command line, given only a URL, sends what the form sends', () => {
    const { options } = parseConnectCommand(['mqtt://127.0.0.1:1883', '--client-id', '']);
    const parsed = parseConnectForm(DEFAULT_CONNECT_FORM);
    expect(options).toEqual({ ...(parsed.ok ? parsed.options : {}), plan: { subscriptions: [], publications: [] } });
  });

  it.each(NUMBER_OPTIONS.map((option) => [option.field, option] as const))('%s: out of range, the form says so in the row’s words', (_field, option) => {
    const parsed = parseConnectForm({ ...EVERYTHING, [option.field]: String(option.max + 1) });
    expect(parsed).toEqual({ ok: false, errors: { [option.field]: numberMessage(option) } });
  });

  it('an MQTT 5 flag without --protocol 5, a will part without a will, a TLS flag without TLS, are refused', () => {
    const argsOf = (option: ConnectOption) => (option.kind === 'flag' ? [`--${option.flag}`] : [`--${option.flag}`, option.kind === 'text' && option.fromFile ? '/nonexistent' : '1']);
    for (const option of rows.filter((row) => row.v5 && row.flag)) {
      expect(() => parseConnectCommand(['mqtt://127.0.0.1:1883', '--will-topic', 'w', ...argsOf(option)])).toThrow(`--${option.flag} is an MQTT 5 property: add --protocol 5`);
    }
    for (const option of rows.filter((row) => needsWill(row) && row.flag)) {
      expect(() => parseConnectCommand(['mqtt://127.0.0.1:1883', '--protocol', '5', ...argsOf(option)])).toThrow(new UsageError(`--${option.flag} needs --will-topic`));
    }
    for (const option of rows.filter((row) => row.path[0] === 'tls' && row.flag)) {
      expect(() => parseConnectCommand(['mqtt://127.0.0.1:1883', ...argsOf(option)])).toThrow(new UsageError(`--${option.flag} needs an mqtts:// or wss:// URL`));
    }
  });
});
