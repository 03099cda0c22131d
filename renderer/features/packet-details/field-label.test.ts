// A field's line in the tree: a huge payload's text is cut to its start and its size; secrets stay masked.
import { describe, expect, it } from 'vitest';
import { decode, findField } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { cutLabel, fieldLine } from './field-label';
import { LABEL_CHARS } from '../../limits';

const text = (words: string) => new TextEncoder().encode(words);

describe('fieldLine', () => {
  it('cuts a huge payload’s text to its start, and says how many bytes the field holds', () => {
    const payload = `{"samples":[${Array(20_000).fill('21.5').join(',')}]}`;
    const { fields } = decode(encodePacket({ type: 'PUBLISH', topic: 'big', payload: text(payload) }), { protocolLevel: 4 });
    const line = fieldLine(findField(fields, 'mqtt.msg_text')!, false);
    expect(line).toBe(`Message (text): ${payload}`.slice(0, LABEL_CHARS) + `… (${payload.length.toLocaleString('en')} bytes)`);
    expect(fieldLine(findField(fields, 'mqtt.msg')!, false)).toBe(`Message: ${payload.length} bytes of text`);
  });

  it('leaves a short payload whole, and masks a password until revealed', () => {
    const { fields } = decode(encodePacket({ type: 'PUBLISH', topic: 'small', payload: text('21.5') }), { protocolLevel: 4 });
    expect(fieldLine(findField(fields, 'mqtt.msg_text')!, false)).toBe('Message (text): 21.5');
    const connect = decode(encodePacket({ type: 'CONNECT', clientId: 'c', clean: true, keepAlive: 30, username: 'u', password: text('secret') }), { protocolLevel: 4 });
    const password = findField(connect.fields, 'mqtt.passwd')!;
    expect(fieldLine(password, false)).not.toContain('secret');
    expect(fieldLine(password, true)).toBe('Password: secret');
  });
});

describe('cutLabel', () => {
  it('keeps a label of LABEL_CHARS whole and cuts one longer', () => {
    expect(cutLabel('x'.repeat(LABEL_CHARS), 300)).toBe('x'.repeat(LABEL_CHARS));
    expect(cutLabel('x'.repeat(LABEL_CHARS + 1), 70_000)).toBe(`${'x'.repeat(LABEL_CHARS)}… (70,000 bytes)`);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const label = `${'x'.repeat(LABEL_CHARS - 1)}😀tail`;
    expect(cutLabel(label, 1000)).toBe(`${'x'.repeat(LABEL_CHARS - 1)}… (1,000 bytes)`);
  });
});
