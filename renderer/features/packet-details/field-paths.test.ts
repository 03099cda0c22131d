import { describe, expect, it } from 'vitest';
import { decode } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { fieldAtPath, shownPaths } from './field-paths';

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
