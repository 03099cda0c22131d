// Session names: the client id (or that it was empty), the broker, and a time short for today.
import { describe, expect, it } from 'vitest';
import { formatWallClock } from '../../ui/format';
import { sessionBrokerText, sessionClientText, sessionShortTime } from './session-names';

describe('session names', () => {
  it('names the client by its id, and says when the id was empty', () => {
    expect(sessionClientText({ clientId: 'sensor-1', label: 'sensor-1' })).toBe('sensor-1');
    expect(sessionClientText({ clientId: '', label: '127.0.0.1:5000 → 127.0.0.1:1883' })).toBe('(empty client id)');
    expect(sessionClientText({ label: '127.0.0.1:5000 → 127.0.0.1:1883' })).toBe('127.0.0.1:5000 → 127.0.0.1:1883');
  });

  it('names the broker, or the file a session came from', () => {
    expect(sessionBrokerText({ broker: 'localhost:1883', origin: 'client' })).toBe('localhost:1883');
    expect(sessionBrokerText({ origin: 'file' })).toBe('from a file');
    expect(sessionBrokerText({ origin: 'client' })).toBe('');
  });

  it("shows today's sessions by the time of day and older ones with their date", () => {
    const now = new Date(2024, 4, 17, 15, 0, 0).getTime();
    const today = new Date(2024, 4, 17, 9, 5, 7).getTime();
    const earlier = new Date(2024, 4, 16, 9, 5, 7).getTime();
    expect(sessionShortTime(today, now)).toBe('09:05:07');
    expect(sessionShortTime(earlier, now)).toBe(formatWallClock(earlier).slice(0, 16));
    expect(sessionShortTime(earlier, now)).toBe('2024-05-16 09:05');
  });
});
