import { describe, expect, it } from 'vitest';
import type { SessionStory } from '@shared/model/session-story';
import { connectionLabels } from './connection-label';

const connection = (id: string, openedAt: number, clientId: string, port = 1883) => ({
  id,
  openedAt,
  options: { host: '127.0.0.1', port, clientId } as never,
  story: { connect: { clientId } } as unknown as SessionStory,
});

describe('connectionLabels', () => {
  it('numbers reconnects of the same client id to the same broker in the order they were opened', () => {
    const labels = connectionLabels([connection('c', 30, 'dev'), connection('a', 10, 'dev'), connection('b', 20, 'dev'), connection('d', 40, 'other')]);
    expect(labels.get('a')).toBe('dev · 127.0.0.1:1883');
    expect(labels.get('b')).toBe('dev · 127.0.0.1:1883 #2');
    expect(labels.get('c')).toBe('dev · 127.0.0.1:1883 #3');
    expect(labels.get('d')).toBe('other · 127.0.0.1:1883');
  });

  it('leaves labels that already differ alone', () => {
    const labels = connectionLabels([connection('a', 1, 'dev', 1883), connection('b', 2, 'dev', 1884)]);
    expect([...labels.values()]).toEqual(['dev · 127.0.0.1:1883', 'dev · 127.0.0.1:1884']);
  });
});
