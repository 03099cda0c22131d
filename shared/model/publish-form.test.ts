// The Publish form read into a publication: each field's message in its place, MQTT 5
// properties only on MQTT 5, and a publication put back into the form reads the same.
import { describe, expect, it } from 'vitest';
import { REPEAT_COUNT_RANGE } from '../limits';
import { DEFAULT_PUBLISH_FORM, parsePublishForm, parseRepeat, publishFormOf, withPayloadFormat, type PublishFormValues } from './publish-form';

const form = (values: Partial<PublishFormValues>): PublishFormValues => ({ ...DEFAULT_PUBLISH_FORM, ...values });

describe('parsePublishForm', () => {
  it('reads a plain publication', () => {
    expect(parsePublishForm(form({ topic: 'a/b', payload: 'hi', qos: '1', retain: true }), false)).toEqual({ ok: true, value: { topic: 'a/b', payloadHex: '6869', qos: 1, retain: true } });
  });

  it('puts each problem next to its field', () => {
    const parsed = parsePublishForm(form({ topic: 'a/+', payloadFormat: 'json', payload: '{"a": }' }), false);
    expect(parsed).toEqual({ ok: false, errors: { topic: 'A topic to publish to has no wildcards (+ or #)', payload: 'Not JSON: Unexpected token “}” at line 1 column 7' } });
    expect(parsePublishForm(form({ topic: '' }), false)).toEqual({ ok: false, errors: { topic: 'A topic is needed (or a topic alias the broker already knows)' } });
  });

  it('reads the MQTT 5 properties on MQTT 5 only', () => {
    const values = form({ topic: 't', payloadIsUtf8: true, messageExpiryInterval: '60', contentType: 'application/json', responseTopic: 'reply/me', correlationData: 'AB 01', userProperties: 'k=v\nx = y', topicAlias: '3' });
    expect(parsePublishForm(values, true)).toEqual({
      ok: true,
      value: { topic: 't', payloadHex: '', qos: 0, retain: false, properties: { payloadFormatIndicator: true, messageExpiryInterval: 60, contentType: 'application/json', responseTopic: 'reply/me', correlationData: 'ab01', userProperties: [['k', 'v'], ['x', 'y']], topicAlias: 3 } },
    });
    expect(parsePublishForm(values, false)).toEqual({ ok: true, value: { topic: 't', payloadHex: '', qos: 0, retain: false } });
    // With a topic alias the broker knows, the topic may be empty (v5 3.3.2.3.4).
    expect(parsePublishForm(form({ topicAlias: '3' }), true)).toMatchObject({ ok: true, value: { topic: '', properties: { topicAlias: 3 } } });
  });

  it('says which MQTT 5 property is wrong', () => {
    const parsed = parsePublishForm(form({ topic: 't', messageExpiryInterval: '-1', correlationData: 'xyz', userProperties: 'novalue', topicAlias: '0', responseTopic: '' }), true);
    expect(parsed).toEqual({
      ok: false,
      errors: {
        messageExpiryInterval: 'Message expiry must be a whole number from 0 to 4294967295',
        correlationData: 'Not hex: “x” at character 1 (white space not counted)',
        userProperties: 'Write each user property as key=value (“novalue” has no key)',
        topicAlias: 'Topic alias must be a whole number from 1 to 65535',
      },
    });
  });
});

describe('parseRepeat', () => {
  it('reads the count and the interval, within their bounds', () => {
    expect(parseRepeat(form({ repeatCount: '5', repeatIntervalMs: '50' }))).toEqual({ ok: true, value: { count: 5, intervalMs: 50 } });
    expect(parseRepeat(form({ repeatCount: String(REPEAT_COUNT_RANGE.max), repeatIntervalMs: '0' }))).toMatchObject({ ok: true });
    expect(parseRepeat(form({ repeatCount: String(REPEAT_COUNT_RANGE.max + 1), repeatIntervalMs: '' }))).toEqual({
      ok: false,
      errors: { repeatCount: `Times must be a whole number from 1 to ${REPEAT_COUNT_RANGE.max}`, repeatIntervalMs: 'Every (ms) must be a whole number from 0 to 3600000' },
    });
  });
});

describe('publishFormOf', () => {
  it('gives back the form that makes the same publication', () => {
    const values = form({ topic: 't', payloadFormat: 'json', payload: '{"a": 1}', qos: '2', retain: true, contentType: 'c', userProperties: 'k=v', correlationData: 'ab01' });
    const parsed = parsePublishForm(values, true);
    if (!parsed.ok) throw new Error('expected a publication');
    expect(publishFormOf(parsed.value, 'json')).toEqual(values);
  });

  it('shows bytes that are not text as hex', () => {
    expect(publishFormOf({ topic: 't', payloadHex: 'ff00', qos: 0, retain: false }, 'text')).toMatchObject({ payloadFormat: 'hex', payload: 'ff00' });
  });
});

describe('withPayloadFormat', () => {
  it('shows the same bytes in the new format', () => {
    const hex = withPayloadFormat(form({ payload: 'hi ☃' }), 'hex');
    expect(hex).toMatchObject({ payloadFormat: 'hex', payload: '686920e29883' });
    expect(withPayloadFormat(hex, 'base64')).toMatchObject({ payloadFormat: 'base64', payload: 'aGkg4piD' });
    expect(withPayloadFormat(withPayloadFormat(hex, 'base64'), 'text')).toMatchObject({ payloadFormat: 'text', payload: 'hi ☃' });
  });

  it('keeps the text as it is when the bytes are not text, or the text does not read', () => {
    expect(withPayloadFormat(form({ payloadFormat: 'hex', payload: 'ff00' }), 'text')).toMatchObject({ payloadFormat: 'text', payload: 'ff00' });
    expect(withPayloadFormat(form({ payloadFormat: 'hex', payload: 'xyz' }), 'base64')).toMatchObject({ payloadFormat: 'base64', payload: 'xyz' });
  });
});
