// Which connections publish and subscribe from here, and the reason given for every other one.
import { describe, expect, it } from 'vitest';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { SessionStory } from '@shared/model/session-story';
import type { SessionSummary } from '@shared/model/session-summary';
import type { ConnectionView } from '../../store/connections-slice';
import { liveAvailability } from './live-connection';

const options: ConnectOptions = { host: '127.0.0.1', port: 1883, protocolVersion: '3.1.1', clientId: 'c', clean: true, keepAlive: 60 };
const story = (origin: SessionStory['origin'] = 'client'): SessionStory => ({ connectionId: 'c', origin, phases: [], flows: [] });
const view = (changes: Partial<ConnectionView>): ConnectionView => ({ id: 'c', version: 1, status: 'connected', story: story(), openedAt: 0, options, ...changes });

describe('liveAvailability', () => {
  it('lets this app’s accepted, open connection act, saying whether it speaks MQTT 5', () => {
    expect(liveAvailability(view({}))).toEqual({ live: true, v5: false });
    expect(liveAvailability(view({ options: { ...options, protocolVersion: '5' } }))).toEqual({ live: true, v5: true });
  });

  it('says why any other connection cannot', () => {
    expect(liveAvailability(undefined)).toMatchObject({ live: false, reason: 'No connection is open: connect first.' });
    expect(liveAvailability(view({ status: 'connecting' }))).toMatchObject({ reason: expect.stringContaining('CONNACK') });
    expect(liveAvailability(view({ status: 'refused' }))).toMatchObject({ reason: 'The broker refused this connection.' });
    expect(liveAvailability(view({ status: 'closed' }))).toMatchObject({ reason: expect.stringContaining('closed') });
    expect(liveAvailability(view({ status: 'failed' }))).toMatchObject({ reason: expect.stringContaining('closed') });
    expect(liveAvailability(view({ options: undefined, story: story('broker') }))).toMatchObject({ reason: expect.stringContaining('local broker’s view') });
    expect(liveAvailability(view({ options: undefined, story: story('proxy') }))).toMatchObject({ reason: expect.stringContaining('recording proxy’s view') });
    const recorded: SessionSummary = { id: 'c', origin: 'client', label: 'c', startTime: 0, packets: 2, bytes: 0, outcome: '', open: false };
    expect(liveAvailability(view({ recorded, options: undefined }))).toMatchObject({ reason: 'This is a past session, opened read-only.' });
  });
});
