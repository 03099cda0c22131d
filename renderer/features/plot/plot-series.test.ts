import { describe, expect, it } from 'vitest';
import type { TopicPayload } from '@shared/model/topics';
import { describeSeries, firstChoice, joinSeries, pathChoices, plainNumber, seriesOf, seriesOfBlocks } from './plot-series';

/** Messages a second apart from t = 1,000 s, oldest first. */
const messages = (...texts: (string | undefined)[]): TopicPayload[] => texts.map((text, seq) => ({ seq, time: 1_000_000 + seq * 1000, ...(text === undefined ? {} : { text }) }));

describe('a number payload', () => {
  it('is plain decimal text', () => {
    expect(['51.0', '-3', '1e3', '+2.5', '.5', '7.', ' 21.5\n', '-1.5E-2'].map(plainNumber)).toEqual([51, -3, 1000, 2.5, 0.5, 7, 21.5, -0.015]);
    for (const text of ['', 'abc', '0x10', '1,5', '21.5 °C', 'Infinity', 'NaN', '1e999', '--1', '{"temp":1}']) expect(plainNumber(text), text).toBeUndefined();
  });

  it('makes the series, time in seconds, and counts the messages that are not numbers', () => {
    const series = seriesOf(messages('21.5', 'on', undefined, '22'));
    expect([...series.x]).toEqual([1000, 1003]);
    expect([...series.y]).toEqual([21.5, 22]);
    expect(series).toMatchObject({ notNumbers: 2, missing: 0, unread: 0 });
    expect(describeSeries(series)).toBe('2 points, 2 messages skipped (not numbers)');
  });
});

describe('a JSON field by path', () => {
  it('plots the numbers at the path and tells missing fields from values that are not numbers', () => {
    const series = seriesOf(messages('{"temp": 20.5}', '{"temp": "hot"}', '{"hum": 40}', 'not json', '{"temp": 21}', '{broken'), 'temp');
    expect([...series.y]).toEqual([20.5, 21]);
    expect(series).toMatchObject({ notNumbers: 1, missing: 3 });
    expect(describeSeries(series, 'temp')).toBe('2 points, 4 messages skipped (1 not a number, 3 without temp)');
  });

  it('reads nested fields and array items', () => {
    const series = seriesOf(messages('{"sensor":{"values":[1.5,2]}}', '{"sensor":{"values":[]}}', '{"sensor":{"values":[3]}}'), 'sensor.values[0]');
    expect([...series.y]).toEqual([1.5, 3]);
    expect(series.missing).toBe(1);
  });

  it('counts a payload the engine did not read as too long', () => {
    const series = seriesOf([...messages('{"a":{"b":1}}'), { seq: 1, time: 1_001_000, long: true }], 'a.b');
    expect(describeSeries(series, 'a.b')).toBe('1 point, 1 message skipped (1 too long to read)');
    expect(describeSeries(seriesOf(messages('1')))).toBe('1 point, no message skipped');
  });

  it('takes 10,000 messages in one go', () => {
    const many = messages(...Array.from({ length: 10_000 }, (_, n) => (n % 100 === 99 ? '{"status":"ok"}' : JSON.stringify({ sensor: { temp: 20 + (n % 50) / 10 }, seq: n }))));
    const series = seriesOf(many, 'sensor.temp');
    expect(series.x.length).toBe(9_900);
    expect(series.missing).toBe(100);
    expect(series.y[1]).toBeCloseTo(20.1);
    expect(series.x[series.x.length - 1]).toBe(1000 + 9_998);
    expect(describeSeries(series, 'sensor.temp')).toBe('9,900 points, 100 messages skipped (100 without sensor.temp)');
  });
});

describe('series of held blocks', () => {
  it('joins the blocks’ series in order', () => {
    const first = messages('1', '2');
    const second = messages('x', '3').map((message) => ({ ...message, seq: message.seq + 2, time: message.time + 2000 }));
    const joined = seriesOfBlocks([first, second]);
    expect([...joined.y]).toEqual([1, 2, 3]);
    expect([...joined.x]).toEqual([1000, 1001, 1003]);
    expect(joined.notNumbers).toBe(1);
    expect(joinSeries([])).toMatchObject({ notNumbers: 0 });
    expect(seriesOfBlocks([first, second])).toEqual(joined);
  });
});

describe('the values to choose from', () => {
  it('are the numeric paths of the newest messages, the newest first', () => {
    const newestFirst = messages('{"temp": 20.5, "name": "hall", "battery": {"level": 80}}', '{"hum": 40, "temp": 19}', '12').reverse();
    expect(pathChoices(newestFirst)).toEqual(['hum', 'temp', 'battery.level']);
  });

  it('start on the payload when the newest is a number, else on the first numeric path', () => {
    expect(firstChoice(messages('{"temp": 1}', '21.5').reverse())).toBeUndefined();
    expect(firstChoice(messages('21.5', '{"temp": 1}').reverse())).toBe('temp');
    expect(firstChoice(messages('running').reverse())).toBeUndefined();
    expect(firstChoice([])).toBeUndefined();
  });
});
