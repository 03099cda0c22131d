import { describe, expect, it } from 'vitest';
import { countText, rateText, retainedText } from './topic-format';

describe('topic level text', () => {
  it('says a level’s own messages and those below it', () => {
    expect(countText({ messages: 1, totalMessages: 1 })).toBe('1 message');
    expect(countText({ messages: 3, totalMessages: 43 })).toBe('3 messages · 40 below');
    expect(countText({ messages: 0, totalMessages: 1200 })).toBe('1,200 below');
  });

  it('says a rate with the digits it needs, and a retained message kept or cleared', () => {
    expect([0.01, 0.44, 12.4, 1250].map(rateText)).toEqual(['0/s', '0.4/s', '12/s', '1,250/s']);
    expect([undefined, { seq: 1, time: 0, cleared: false }, { seq: 2, time: 0, cleared: true }].map(retainedText)).toEqual(['', 'retained', 'retained: cleared']);
  });
});
