import { describe, expect, it } from 'vitest';
import { decode } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { propertyList } from '@shared/mqtt/encode/property-list';
import { secretRanges } from '@shared/mqtt/secrets';
import { fieldAtPath, foldablePaths, maskedRanges, secretsName, shownPaths } from './field-paths';

describe('shownPaths', () => {
  const { fields } = decode(encodePacket({ type: 'CONNECT', clientId: 'tree', clean: true, keepAlive: 30 }), { protocolLevel: 4 });
  const flags = fields.findIndex((field) => field.key === 'mqtt.conflags');

  it('lists every field, each before its children, when nothing is folded', () => {
    const paths = shownPaths(fields, new Set());
    const count = (list: typeof fields): number => list.reduce((sum, field) => sum + 1 + count(field.children ?? []), 0);
    expect(paths).toHaveLength(count(fields));
    expect(paths.indexOf(`${flags}.0`)).toBe(paths.indexOf(String(flags)) + 1);
    for (const path of paths) expect(fieldAtPath(fields, path)).toBeDefined();
  });

  it('hides the children of a folded field, and only those', () => {
    const all = shownPaths(fields, new Set());
    const folded = shownPaths(fields, new Set([String(flags)]));
    const children = fieldAtPath(fields, String(flags))!.children!.length;
    expect(children).toBeGreaterThan(0);
    expect(folded).toHaveLength(all.length - children);
    expect(folded).toContain(String(flags));
    expect(folded.some((path) => path.startsWith(`${flags}.`))).toBe(false);
  });
});

describe('the secrets the hex dump masks', () => {
  // An MQTT 5 CONNECT with a password and Authentication Data, and an AUTH with more of it.
  const connect = decode(encodePacket({ type: 'CONNECT', protocolLevel: 5, clientId: 'masked', username: 'alice', password: 'hunter2', properties: propertyList({ authenticationMethod: 'SCRAM-SHA-1', authenticationData: Buffer.from('client-first').toString('hex') }) }), { protocolLevel: 5 });
  const covered = (ranges: { offset: number; length: number }[]) => ranges.flatMap(({ offset, length }) => Array.from({ length }, (_, index) => offset + index));
  const bytesOf = (fields: typeof connect.fields, test: (field: (typeof connect.fields)[number]) => boolean): number[] => fields.flatMap((field) => [...(test(field) ? Array.from({ length: field.length }, (_, index) => field.offset + index) : []), ...bytesOf(field.children ?? [], test)]);

  it('are the ones an export blanks: the password and every Authentication Data', () => {
    const masked = covered(maskedRanges(connect.fields));
    const password = bytesOf(connect.fields, (field) => field.key === 'mqtt.passwd');
    const authenticationData = bytesOf(connect.fields, (field) => field.name === 'Authentication Data');
    expect(password).toHaveLength('hunter2'.length);
    expect(authenticationData).toHaveLength('client-first'.length);
    expect(masked.sort((a, b) => a - b)).toEqual([...authenticationData, ...password].sort((a, b) => a - b));
    expect(maskedRanges(connect.fields)).toEqual(secretRanges(connect.fields).map(([from, to]) => ({ offset: from, length: to - from })));
  });

  it('are named on the reveal button for what they are', () => {
    expect(secretsName(connect.fields)).toBe('secrets');
    const passwordOnly = decode(encodePacket({ type: 'CONNECT', clientId: 'p', username: 'alice', password: 'hunter2' }), { protocolLevel: 4 });
    expect(secretsName(passwordOnly.fields)).toBe('password');
    const auth = decode(encodePacket({ type: 'AUTH', protocolLevel: 5, reasonCode: 0x18, properties: propertyList({ authenticationMethod: 'SCRAM-SHA-1', authenticationData: Buffer.from('server-first').toString('hex') }) }), { protocolLevel: 5 });
    expect(secretsName(auth.fields)).toBe('authentication data');
    expect(covered(maskedRanges(auth.fields))).toHaveLength('server-first'.length);
  });
});

describe('foldablePaths', () => {
  it('lists every field with children, nested ones too; folding them all shows only the top level', () => {
    const { fields } = decode(encodePacket({ type: 'SUBSCRIBE', protocolLevel: 5, packetId: 7, subscriptions: [{ topic: 'a/+/b', qos: 1 }] }), { protocolLevel: 5 });
    const foldable = foldablePaths(fields);
    for (const path of foldable) expect(fieldAtPath(fields, path)?.children?.length).toBeGreaterThan(0);
    expect(foldable.some((path) => path.includes('.'))).toBe(true);
    const leaves = shownPaths(fields, new Set()).filter((path) => !foldable.includes(path));
    for (const path of leaves) expect(fieldAtPath(fields, path)?.children ?? []).toHaveLength(0);
    expect(shownPaths(fields, new Set(foldable))).toEqual(fields.map((_, index) => String(index)));
  });
});
