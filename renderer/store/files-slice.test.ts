// A file the desktop app's host opened (from the OS or its menu) is shown as one the page opened.
import { describe, expect, it } from 'vitest';
import type { EngineApi } from '@shared/contract';
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import { buildSessionStory } from '@shared/model/session-story';
import type { SessionSummary } from '@shared/model/session-summary';
import type { TraceEntry } from '@shared/model/trace';
import { useStore } from './index';

const entries: TraceEntry[] = [
  { kind: 'packet', connectionId: 'saved', seq: 0, time: 1000, dir: 'c2s', hex: toHex(encodePacket({ type: 'CONNECT', clientId: 'saved', clean: true, keepAlive: 60 })), typeName: 'CONNECT', protocolLevel: 4, problemCount: 0 },
  { kind: 'packet', connectionId: 'saved', seq: 1, time: 1001, dir: 's2c', hex: toHex(encodePacket({ type: 'CONNACK', code: 0, sessionPresent: false })), typeName: 'CONNACK', protocolLevel: 4, problemCount: 0 },
];
const summary: SessionSummary = { id: 'saved', origin: 'file', label: 'saved', startTime: 1000, packets: 2, bytes: 10, outcome: 'Closed', open: false };
const api = {
  async request(name: string) {
    if (name === 'sessions.view') return { id: 'saved', origin: 'file', open: false, startTime: 1000, lastTime: 1001, entries: 2, rows: 2, typeNames: [], story: buildSessionStory('saved', entries) };
    throw new Error(`unexpected ${name}`);
  },
  on: () => () => {},
} as unknown as EngineApi;

describe('files the desktop host opened', () => {
  it('opens a trace’s sessions, the first active, and says so', async () => {
    useStore.setState({ api, connections: {}, activeId: undefined, fileOutcome: undefined });
    await useStore.getState().showOpenedFile({ name: 'today.mqtrace', kind: 'trace', sessions: [summary], problems: [] });
    expect(useStore.getState().activeId).toBe('saved');
    expect(useStore.getState().connections.saved).toMatchObject({ recorded: summary, status: 'closed' });
    expect(useStore.getState().fileOutcome).toEqual({ text: 'Opened today.mqtrace: 1 session.', problems: [] });
  });

  it('says how many profiles were imported, and what went wrong', async () => {
    await useStore.getState().showOpenedFile({ name: 'team.mqttprofiles', kind: 'profiles', sessions: [], profiles: 2, problems: ['Profile 3: host: required'] });
    expect(useStore.getState().fileOutcome).toEqual({ text: 'Imported 2 profiles from team.mqttprofiles.', problems: ['Profile 3: host: required'] });
  });

  it('imports a profiles export opened from the page (not sent as a capture), and has the Profiles panel read them again', async () => {
    const asked: { name: string; params: unknown }[] = [];
    const profilesApi = {
      async request(name: string, params: unknown) {
        asked.push({ name, params });
        if (name === 'profiles.import') return { imported: [{ id: 'p1', name: 'Team' }], problems: [] };
        throw new Error(`unexpected ${name}`);
      },
      on: () => () => {},
    } as unknown as EngineApi;
    useStore.setState({ api: profilesApi, fileOutcome: undefined });
    const stamp = useStore.getState().profilesStamp;
    const document = { format: 'mqttscope-profiles', version: 1, profiles: [] };
    await useStore.getState().openFiles([new File([JSON.stringify(document)], 'team.mqttprofiles')]);
    expect(asked).toEqual([{ name: 'profiles.import', params: { document } }]);
    expect(useStore.getState().fileOutcome).toEqual({ text: 'Imported 1 profile from team.mqttprofiles.', problems: [] });
    expect(useStore.getState().profilesStamp).toBe(stamp + 1);

    await useStore.getState().openFiles([new File(['{'], 'broken.mqttprofiles')]);
    expect(useStore.getState().fileOutcome).toEqual({ text: 'Imported 0 profiles from broken.mqttprofiles.', problems: ['broken.mqttprofiles is not JSON; nothing was imported.'] });
  });
});
