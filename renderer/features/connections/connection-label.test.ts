import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '@shared/model/outcome';
import type { SessionStory } from '@shared/model/session-story';
import { connectionLabels, viewStatusText } from './connection-label';

const connection = (id: string, openedAt: number, clientId: string, port = 1883) => ({
  id,
  openedAt,
  status: 'connected' as const,
  options: { host: '127.0.0.1', port, clientId } as never,
  story: { connect: { clientId } } as unknown as SessionStory,
});

/** A connection the page did not open (the lab's, the broker's): known only by its story. */
const seen = (id: string, status: ConnectionStatus, story: Partial<SessionStory>) => ({
  id,
  openedAt: 1,
  status,
  story: { connectionId: id, origin: 'client', phases: [], flows: [], ...story } as SessionStory,
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

  it('says "connecting…" only while a connection without a CONNECT is open', () => {
    const labels = connectionLabels([
      seen('open', 'connecting', {}),
      seen('ended', 'failed', { end: { time: 2, by: 'broker' } } as Partial<SessionStory>),
      seen('stopped', 'closed', { peerAddress: '127.0.0.1:5000' }),
    ]);
    expect(labels.get('open')).toBe('connecting…');
    expect(labels.get('ended')).toBe('(no CONNECT)');
    expect(labels.get('stopped')).toBe('(no CONNECT) · from 127.0.0.1:5000');
  });
});

describe('viewStatusText', () => {
  it('reads a closed trace as closed, even when its story has no end of its own', () => {
    expect(viewStatusText(seen('a', 'closed', {}))).toBe('Closed');
    expect(viewStatusText(seen('b', 'closed', { connack: { accepted: true } } as Partial<SessionStory>))).toBe('Closed');
    expect(viewStatusText(seen('c', 'connecting', {}))).toBe('Connecting…');
  });

  it('reads a recording that stopped before its connection did (a capture stopped) as that, live as when read back', () => {
    expect(viewStatusText(seen('d', 'closed', { connack: { accepted: true }, recordingEnd: 5 } as Partial<SessionStory>))).toBe('Recorded while open');
  });
});
