import { describe, expect, it } from 'vitest';
import { ConnectionDecoder } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import type { PacketEntry } from '@shared/model/trace';
import { toHex } from '@shared/mqtt/field';
import { boundedJson, cutText, MAX_LINE_CHARS } from './bounded-output';
import { jsonLine, textLine } from './trace-lines';

describe('what the command line prints of one packet', () => {
  it('a SUBSCRIBE of 200,000 filters (1 MB) prints as a bounded line that says what it left out', () => {
    const subscriptions = Array.from({ length: 200_000 }, (_, index) => ({ topic: `t/${index % 10}`, qos: 0 as const }));
    const bytes = encodePacket({ protocolLevel: 4, type: 'SUBSCRIBE', packetId: 1, subscriptions });
    expect(bytes.length).toBeGreaterThan(1_000_000);
    const entry: PacketEntry = { kind: 'packet', connectionId: 'c', seq: 0, time: 1, dir: 'c2s', hex: toHex(bytes), typeName: 'SUBSCRIBE', protocolLevel: 4, problemCount: 0 };
    const line = jsonLine(entry, 0, new ConnectionDecoder(4));
    expect(line.length).toBeLessThan(MAX_LINE_CHARS + 64 * 1024);
    expect(line).toContain(`(${bytes.length * 2} characters in all)`);
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ event: 'packet', dir: 'c2s', packet: { typeName: 'SUBSCRIBE' } });
    expect(line).toMatch(/more of \d+ not shown|the rest is left out/);
    expect(textLine(entry, 0, new ConnectionDecoder(4)).length).toBeLessThan(5000);
  }, 30_000);

  it('cuts long strings and lists with their full size stated, and never throws', () => {
    expect(cutText('x'.repeat(5000))).toBe(`${'x'.repeat(4096)}… (5000 characters in all)`);
    expect(JSON.parse(boundedJson({ list: Array.from({ length: 1500 }, (_, index) => index) })).list.at(-1)).toBe('… 500 more of 1500 not shown');
    expect(boundedJson({ bytes: new Uint8Array(10) })).toBe('{"bytes":"10 bytes"}');
    const looped: Record<string, unknown> = {};
    looped.self = looped;
    expect(JSON.parse(boundedJson(looped))).toMatchObject({ event: 'print-error' });
  });
});
