// A connection option's bounds are its row's (shared/model/connect-fields.ts), and only its row's:
// the contract's `connection.open`, the form and `mqttscope connect` take the row's edge and refuse
// one past it in the row's words; an MQTT 5 property's row reads its bounds and its unset value
// from the property table; and a row changed is seen by all three at once.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mqttStringMessage } from '@shared/limits';
import { requestSchemas } from '@shared/contract';
import { CONNECT_OPTIONS, NUMBER_OPTIONS, numberMessage, valueAt, type ConnectOption } from '@shared/model/connect-fields';
import { DEFAULT_CONNECT_FORM, parseConnectForm, type ConnectFormValues } from '@shared/model/connect-form';
import { propertyAbsent, propertyRange } from '@shared/model/property-defaults';
import { parseConnectCommand } from './connect-options';

const rows = CONNECT_OPTIONS as readonly ConnectOption[];
const BASE = { host: 'h', port: 1883, protocolVersion: '5', clientId: 'c', clean: true, keepAlive: 60 };
// wss with a will and MQTT 5: every part an option can go into exists.
const EVERYTHING: ConnectFormValues = { ...DEFAULT_CONNECT_FORM, transport: 'wss', protocolVersion: '5', willTopic: 'w' };
const EVERYTHING_FLAGS = ['wss://127.0.0.1:1883', '--protocol', '5', '--will-topic', 'w'];

/** ConnectOptions with `value` at the row's place, the parts above it made. */
function optionsWith(row: ConnectOption, value: unknown): Record<string, unknown> {
  const options: Record<string, unknown> = { ...BASE, will: { topic: 'w', payload: '', qos: 0, retain: false }, tls: {}, websocket: { path: '/' } };
  let at = options;
  for (const key of row.path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
  at[row.path[row.path.length - 1]] = value;
  return options;
}

const contractMessage = (options: unknown) => {
  const parsed = requestSchemas['connection.open'].safeParse(options);
  return parsed.success ? undefined : parsed.error.issues.map((issue) => issue.message);
};
const cliMessage = (args: string[]) => {
  try {
    parseConnectCommand([...EVERYTHING_FLAGS, ...args]);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('a number row’s bounds, wherever the option is read', () => {
  it.each(NUMBER_OPTIONS.map((row) => [row.field, row] as const))('%s: the contract, the form and the command line take its edges and refuse one past them', (_field, row) => {
    const edges = [row.min, row.max];
    const past = [...(row.min > 0 ? [row.min - 1] : []), row.max + 1];
    for (const value of edges) {
      expect(contractMessage(optionsWith(row, value))).toBeUndefined();
      expect(parseConnectForm({ ...EVERYTHING, [row.field]: String(value) })).toMatchObject({ ok: true });
      if (row.flag) expect(valueAt(parseConnectCommand([...EVERYTHING_FLAGS, `--${row.flag}`, String(value)]).options, row.path)).toBe(value);
    }
    for (const value of past) {
      expect(contractMessage(optionsWith(row, value))).toEqual([numberMessage(row)]);
      expect(parseConnectForm({ ...EVERYTHING, [row.field]: String(value) })).toEqual({ ok: false, errors: { [row.field]: numberMessage(row) } });
      if (row.flag) expect(cliMessage([`--${row.flag}`, String(value)])).toBe(`${row.path.join('.')}: ${numberMessage(row)}`);
    }
  });
});

describe('a text row that is an MQTT string, wherever the option is read', () => {
  const mqttRows = rows.filter((row) => row.kind === 'text' && (row.format === undefined || row.format === 'topic') && row.flag && !row.fromFile);

  it('there are such rows', () => {
    expect(mqttRows.map((row) => row.field)).toEqual(expect.arrayContaining(['clientId', 'username', 'willTopic', 'authenticationMethod']));
  });

  it.each(mqttRows.map((row) => [row.field, row] as const))('%s: 65,535 bytes taken, 65,536 refused in the row’s words', (_field, row) => {
    const fits = `${'é'.repeat(32_767)}a`;
    const over = 'é'.repeat(32_768);
    expect(contractMessage(optionsWith(row, fits))).toBeUndefined();
    expect(parseConnectForm({ ...EVERYTHING, [row.field]: fits })).toMatchObject({ ok: true });
    expect(valueAt(parseConnectCommand([...EVERYTHING_FLAGS, `--${row.flag}`, fits]).options, row.path)).toBe(fits);
    expect(contractMessage(optionsWith(row, over))).toEqual([mqttStringMessage(row.label)]);
    expect(parseConnectForm({ ...EVERYTHING, [row.field]: over })).toEqual({ ok: false, errors: { [row.field]: mqttStringMessage(row.label) } });
    expect(cliMessage([`--${row.flag}`, over])).toBe(`${row.path.join('.')}: ${mqttStringMessage(row.label)}`);
  });
});

describe('an MQTT 5 property’s row', () => {
  const propertyRows = rows.filter((row) => row.path.at(-2) === 'properties');

  it('is looked up in the property table by its option name: its range, or what leaving it out means', () => {
    expect(propertyRows.length).toBeGreaterThan(8);
    for (const row of propertyRows) {
      const option = row.path.at(-1)!;
      if (row.kind === 'number') expect({ min: row.min, max: row.max }, row.field).toEqual(propertyRange(option));
      if (row.kind === 'flag') expect(row.unset, row.field).toBe(propertyAbsent(option) === 1);
    }
    // The specification's words, checked against what the rows became.
    expect(rows.find((row) => row.field === 'receiveMaximum')).toMatchObject({ min: 1, max: 65_535 });
    expect(rows.find((row) => row.field === 'maximumPacketSize')).toMatchObject({ min: 1, max: 4_294_967_295 });
    expect(rows.find((row) => row.field === 'requestProblemInformation')).toMatchObject({ unset: true });
    expect(rows.find((row) => row.field === 'requestResponseInformation')).toMatchObject({ unset: false });
  });
});

describe('one row changed', () => {
  afterEach(() => {
    vi.doUnmock('@shared/model/connect-fields');
    vi.resetModules();
  });

  it('is seen by the contract, the form and the command line at once', async () => {
    vi.resetModules();
    vi.doMock('@shared/model/connect-fields', async (importOriginal) => {
      const table = await importOriginal<typeof import('@shared/model/connect-fields')>();
      const row = table.NUMBER_OPTIONS.find((option) => option.field === 'receiveMaximum')!;
      row.max = 99;
      return table;
    });
    const fresh = {
      contract: await import('@shared/contract'),
      form: await import('@shared/model/connect-form'),
      cli: await import('./connect-options'),
    };
    const message = 'Receive maximum must be a whole number from 1 to 99';
    expect(fresh.contract.requestSchemas['connection.open'].safeParse({ ...BASE, properties: { receiveMaximum: 99 } }).success).toBe(true);
    expect(fresh.contract.requestSchemas['connection.open'].safeParse({ ...BASE, properties: { receiveMaximum: 100 } }).error?.issues[0].message).toBe(message);
    const form = { ...fresh.form.DEFAULT_CONNECT_FORM, protocolVersion: '5' as const };
    expect(fresh.form.parseConnectForm({ ...form, receiveMaximum: '99' })).toMatchObject({ ok: true });
    expect(fresh.form.parseConnectForm({ ...form, receiveMaximum: '100' })).toEqual({ ok: false, errors: { receiveMaximum: message } });
    expect(fresh.cli.parseConnectCommand(['mqtt://h', '--protocol', '5', '--receive-maximum', '99']).options.properties?.receiveMaximum).toBe(99);
    expect(() => fresh.cli.parseConnectCommand(['mqtt://h', '--protocol', '5', '--receive-maximum', '100'])).toThrow(`properties.receiveMaximum: ${message}`);
  });
});
