import { describe, expect, it } from 'vitest';
import { ConnectionDecoder } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { recordedFrom, type PacketEntry } from '@shared/model/trace';
import { toHex } from '@shared/mqtt/field';
import { boundedJson, cutText } from './bounded-output';
import { jsonLine, textLine } from './trace-lines';
import { MAX_LINE_CHARS } from '../engine/limits';

describe('what the command line prints of one packet', () => {
  it('a SUBSCRIBE of 200,000 filters (1 MB) prints as a bounded line whose cuts are fields, not notes inside values', () => {
    const subscriptions = Array.from({ length: 200_000 }, (_, index) => ({ topic: `t/${index % 10}`, qos: 0 as const }));
    const bytes = encodePacket({ protocolLevel: 4, type: 'SUBSCRIBE', packetId: 1, subscriptions });
    expect(bytes.length).toBeGreaterThan(1_000_000);
    const hex = toHex(bytes);
    const entry: PacketEntry = { kind: 'packet', connectionId: 'c', seq: 0, time: 1, dir: 'c2s', hex, typeName: 'SUBSCRIBE', protocolLevel: 4, problemCount: 0 };
    const line = jsonLine(recordedFrom(entry), 0, new ConnectionDecoder(4));
    expect(line.length).toBeLessThanOrEqual(MAX_LINE_CHARS + 64);
    expect(line).not.toContain('…');
    const parsed = JSON.parse(line);
    expect(parsed).toMatchObject({ event: 'packet', dir: 'c2s', bytes: bytes.length, truncated: true, packet: { typeName: 'SUBSCRIBE', truncated: true } });
    expect(parsed.hex.length % 2).toBe(0);
    expect(hex.startsWith(parsed.hex)).toBe(true);
    expect(parsed.packet.fields.length).toBeGreaterThan(10);
    expect(textLine(recordedFrom(entry), 0, new ConnectionDecoder(4)).length).toBeLessThan(5000);
  }, 30_000);

  it('keeps values whole while the line has room, marks each object that lost something, and never throws', () => {
    const long = 'x'.repeat(100_000);
    expect(JSON.parse(boundedJson({ long }))).toEqual({ long });
    const cut = boundedJson({ a: 1, inner: { text: long, after: 2 }, last: 3 }, 1000);
    expect(cut.length).toBeLessThanOrEqual(1000 + 64);
    const { inner, ...outer } = JSON.parse(cut);
    expect(outer).toEqual({ a: 1, truncated: true });
    expect(inner).toEqual({ text: 'x'.repeat(inner.text.length), truncated: true });
    expect(inner.text.length).toBeGreaterThan(900);
    const list = JSON.parse(boundedJson({ list: Array.from({ length: 1500 }, (_, index) => index) }, 100));
    expect(list.truncated).toBe(true);
    expect(list.list).toEqual(Array.from({ length: list.list.length }, (_, index) => index));
    // Escapes count as what they print: a line of control characters stays within its budget.
    const escaped = boundedJson({ text: '\u0001'.repeat(10_000) }, 1000);
    expect(escaped.length).toBeLessThanOrEqual(1000 + 64);
    expect(JSON.parse(escaped).truncated).toBe(true);
    // A cut never leaves half of a surrogate pair.
    const emoji = JSON.parse(boundedJson({ text: '😀'.repeat(1000) }, 101)).text as string;
    expect(emoji).toBe('😀'.repeat(emoji.length / 2));
    const looped: Record<string, unknown> = {};
    looped.self = looped;
    expect(JSON.parse(boundedJson(looped))).toMatchObject({ event: 'print-error' });
  });

  it('text lines for people cut long strings with their full size stated', () => {
    expect(cutText('x'.repeat(5000))).toBe(`${'x'.repeat(4096)}… (5000 characters in all)`);
  });
});
