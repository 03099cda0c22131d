// The palette's commands, made from the store and the engine's lists, and what each one does to
// the store and asks of the engine (a fake engine that answers what these commands ask).
import { beforeEach, describe, expect, it } from 'vitest';
import type { EngineApi } from '@shared/contract';
import { DEFAULT_CONNECT_FORM } from '@shared/model/connect-form';
import type { ConnectOptions } from '@shared/model/connect-options';
import type { ExperimentInfo } from '@shared/model/lab';
import type { ProfileSummary } from '@shared/model/profile';
import type { SessionSummary } from '@shared/model/session-summary';
import type { SessionUpdate } from '@shared/model/session-view';
import { useStore } from '../../store';
import { NO_LOCAL_BROKER } from '../lab/run-lab';
import { sessionShortTime } from '../sessions/session-names';
import { groupsOf, matchCommands, NO_LISTS, PALETTE_GROUPS, packetNumberOf, paletteCommands, type PaletteLists } from './palette-commands';
import { MAX_SESSION_COMMANDS } from '../../limits';

const profile: ProfileSummary = { id: 'p1', name: 'Desk broker', updatedAt: '2024-05-17T09:00:00Z', target: 'mqtt://127.0.0.1:1883', secrets: 'none' };
const profileOptions: ConnectOptions = { host: '127.0.0.1', port: 1883, protocolVersion: '3.1.1', clientId: 'desk', clean: true, keepAlive: 60 };
const session: SessionSummary = { id: 's1', origin: 'client', label: 'sensor-1', clientId: 'sensor-1', broker: 'localhost:1883', startTime: Date.now(), packets: 4, bytes: 100, outcome: 'Closed', open: false };
const experiment: ExperimentInfo = { name: 'accepted', title: 'Accepted connection', clause: '[MQTT-3.2.2-4]', expectation: 'CONNACK 0' };
const lists: PaletteLists = { profiles: [profile], sessions: [session], experiments: [experiment] };

/** The view the engine would give of a closed session with `rows` packets. */
const viewOf = (id: string, rows: number): SessionUpdate => ({ id, origin: 'client', open: false, startTime: 0, lastTime: 0, entries: rows, rows, typeNames: [], story: { connectionId: id, origin: 'client', phases: [], flows: [] } });

/** An engine that answers the palette's requests and notes them, parameters and all. */
function fakeEngine(answers: { profileOptions?: ConnectOptions } = {}) {
  const asked: { name: string; params: Record<string, unknown> }[] = [];
  const api = {
    async request(name: string, params: Record<string, unknown>) {
      asked.push({ name, params });
      switch (name) {
        case 'profiles.get':
          return { ...profile, options: answers.profileOptions ?? profileOptions, templates: [], templateProblems: [] };
        case 'connection.open':
          return { connectionId: 'opened-1' };
        case 'sessions.view':
          return viewOf(String(params.id), 4);
        case 'sessions.rows':
          // Seqs count lifecycle entries too: the packet numbered N is not seq N-1.
          return { rows: [{ seq: Number(params.from) * 2 + 1, number: Number(params.from) + 1, time: 0, dir: 'c2s', typeName: 'PUBLISH', problemCount: 0, unframed: false, summary: '' }], total: 4 };
        case 'lab.run':
          return { results: [] };
        default:
          throw new Error(`unexpected ${name}`);
      }
    },
    on: () => () => {},
  } as unknown as EngineApi;
  return { api, asked, names: () => asked.map((request) => request.name) };
}

const commands = (query = '', given: PaletteLists = lists) => paletteCommands(useStore.getState, given, query);
const command = (id: string, query = '') => {
  const found = commands(query).find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no command ${id}`);
  return found;
};

beforeEach(() => {
  useStore.setState({ connections: {}, activeId: undefined, selectedSeq: undefined, view: 'form', drawerOpen: false, drawerTab: 'publish', broker: undefined, form: DEFAULT_CONNECT_FORM, connectionProfiles: {}, currentProfile: undefined, currentProfileForm: undefined });
  useStore.getState().setTheme('system');
  useStore.getState().setApi(fakeEngine().api);
});

describe('the palette’s commands', () => {
  it('are in the groups’ order, each with its own id and a title to read', () => {
    const all = commands();
    const groups = all.map((entry) => entry.group);
    expect(groups).toEqual([...groups].sort((a, b) => PALETTE_GROUPS.indexOf(a) - PALETTE_GROUPS.indexOf(b)));
    expect(new Set(all.map((entry) => entry.id)).size).toBe(all.length);
    expect(all.every((entry) => entry.title.trim() !== '')).toBe(true);
    expect(all.filter((entry) => entry.group === 'Connect').map((entry) => entry.title)).toEqual(['New connection', 'Connect to Desk broker']);
    expect(all.filter((entry) => entry.group === 'Lab').map((entry) => entry.title)).toEqual(['Run experiment: Accepted connection']);
    expect(groupsOf(all).map(({ group, commands: members }) => [group, members.length])).toEqual([['Connect', 2], ['Sessions', 1], ['Lab', 1], ['View', 13]]);
  });

  it('offer the newest sessions only, up to their bound', () => {
    const many = Array.from({ length: MAX_SESSION_COMMANDS + 10 }, (_, index) => ({ ...session, id: `s${index}` }));
    const offered = commands('', { ...NO_LISTS, sessions: many }).filter((entry) => entry.group === 'Sessions');
    expect(offered).toHaveLength(MAX_SESSION_COMMANDS);
    expect(offered[0].id).toBe('session:s0');
  });
});

describe('finding commands by what is typed', () => {
  it('keeps them all, in the groups’ order, while nothing is typed', () => {
    const ids = (found: { id: string }[]) => found.map((entry) => entry.id);
    expect(ids(matchCommands(commands(), '  '))).toEqual(ids(commands()));
  });

  it('puts the best match first, its group first, and leaves out what does not match', () => {
    const found = matchCommands(commands(), 'SHOW');
    expect(found.slice(0, 4).map((entry) => entry.title)).toEqual(['Show Broker', 'Show Proxy', 'Show Capture', 'Show Lab']);
    expect(groupsOf(found)[0].group).toBe('View');
    expect(matchCommands(commands(), 'desk')[0].title).toBe('Connect to Desk broker');
    expect(matchCommands(commands(), 'nothing answers to this')).toEqual([]);
  });

  it('finds a command by its keywords too', () => {
    expect(matchCommands(commands(), 'MQTT-3.2.2-4').map((entry) => entry.id)).toContain('lab:accepted');
    expect(matchCommands(commands(), 'live actions').map((entry) => entry.id)).toContain('view:drawer');
  });

  it('finds the view that stops a capture first when "stop capture" is typed, not an experiment to run', () => {
    expect(matchCommands(commands(), 'stop capture')[0].id).toBe('view:show:capture');
    expect(matchCommands(commands(), 'stop')[0].group).toBe('View');
  });
});

describe('connecting to a profile', () => {
  it('fills the form with the profile and connects with it, as the form’s Connect does', async () => {
    const engine = fakeEngine();
    useStore.getState().setApi(engine.api);
    await command('connect:profile:p1').run();
    expect(engine.names()).toEqual(['profiles.get', 'connection.open']);
    expect(engine.asked[1].params).toEqual(profileOptions);
    const state = useStore.getState();
    expect(state.form.clientId).toBe('desk');
    expect(state.currentProfile?.id).toBe('p1');
    expect(state.activeId).toBe('opened-1');
    expect(state.view).toBe('connection');
    // The connection is the profile's, and the form's own.
    expect(state.connectionProfiles['opened-1']?.id).toBe('p1');
    expect(state.formConnectionId).toBe('opened-1');
  });

  it('leaves a profile the form would ask to confirm in the form, unconnected', async () => {
    // An empty client id with clean session off is refused by a 3.1.1 broker: the form asks first.
    const engine = fakeEngine({ profileOptions: { ...profileOptions, clientId: '', clean: false } });
    useStore.getState().setApi(engine.api);
    await expect(command('connect:profile:p1').run()).rejects.toThrow('“Desk broker” is in the connection form');
    expect(engine.names()).toEqual(['profiles.get']);
    expect(useStore.getState().view).toBe('form');
    expect(useStore.getState().activeId).toBeUndefined();
  });

  it('New connection shows the form', () => {
    useStore.setState({ view: 'lab' });
    void command('connect:new').run();
    expect(useStore.getState().view).toBe('form');
  });
});

describe('opening a session', () => {
  it('is titled by its client id, broker and time, and opens it in the views', async () => {
    const open = command('session:s1');
    expect(open.title).toBe(`Open sensor-1 · localhost:1883 · ${sessionShortTime(session.startTime)}`);
    await open.run();
    expect(useStore.getState().activeId).toBe('s1');
    expect(useStore.getState().connections.s1.recorded?.id).toBe('s1');
    expect(useStore.getState().view).toBe('connection');
  });
});

describe('going to a packet', () => {
  const showConnection = (rows: number) => useStore.setState({ connections: { c1: { id: 'c1', version: 1, status: 'closed', story: viewOf('c1', rows).story, openedAt: 0, trace: viewOf('c1', rows) } }, activeId: 'c1' });

  it('reads a number typed, with or without words around it', () => {
    expect(packetNumberOf('3')).toBe(3);
    expect(packetNumberOf(' #12 ')).toBe(12);
    expect(packetNumberOf('packet 7')).toBe(7);
    expect(packetNumberOf('Go to packet 42')).toBe(42);
    expect(packetNumberOf('3 packets')).toBeUndefined();
    expect(packetNumberOf('mqtt5')).toBeUndefined();
    expect(packetNumberOf('')).toBeUndefined();
  });

  it('is offered for a number the shown connection has, first of all', () => {
    expect(commands('3').some((entry) => entry.group === 'Packets')).toBe(false);
    showConnection(4);
    expect(commands('3').filter((entry) => entry.group === 'Packets')).toMatchObject([{ title: 'Go to packet 3', pinned: true }]);
    const found = matchCommands(commands('3'), '3');
    expect(found[0].title).toBe('Go to packet 3');
    expect(groupsOf(found)[0].group).toBe('Packets');
    expect(commands('5').some((entry) => entry.group === 'Packets')).toBe(false);
    expect(commands('0').some((entry) => entry.group === 'Packets')).toBe(false);
    expect(commands('').some((entry) => entry.group === 'Packets')).toBe(false);
  });

  it('selects the packet by its row’s seq, asked of the engine by its number', async () => {
    const engine = fakeEngine();
    useStore.getState().setApi(engine.api);
    showConnection(4);
    useStore.setState({ view: 'lab' });
    await command('packet:go-to', '3').run();
    expect(engine.asked).toEqual([{ name: 'sessions.rows', params: { id: 'c1', from: 2, count: 1 } }]);
    expect(useStore.getState().selectedSeq).toBe(5);
    expect(useStore.getState().view).toBe('connection');
  });
});

describe('running a lab experiment', () => {
  it('runs it on the local broker and shows the lab', async () => {
    const engine = fakeEngine();
    useStore.getState().setApi(engine.api);
    useStore.setState({ broker: { kind: 'embedded', host: '127.0.0.1', port: 1883 } });
    await command('lab:accepted').run();
    expect(engine.asked).toEqual([{ name: 'lab.run', params: { names: ['accepted'] } }]);
    expect(useStore.getState().view).toBe('lab');
  });

  it('says the local broker is not running, as the Lab panel does, without asking', async () => {
    const engine = fakeEngine();
    useStore.getState().setApi(engine.api);
    await expect(command('lab:accepted').run()).rejects.toThrow(NO_LOCAL_BROKER);
    expect(engine.asked).toEqual([]);
  });
});

describe('view commands', () => {
  it('toggle the drawer, and open it on a tab', () => {
    void command('view:drawer').run();
    expect(useStore.getState().drawerOpen).toBe(true);
    void command('view:drawer').run();
    expect(useStore.getState().drawerOpen).toBe(false);
    void command('view:drawer:topics').run();
    expect(useStore.getState()).toMatchObject({ drawerOpen: true, drawerTab: 'topics' });
    expect(commands().filter((entry) => entry.id.startsWith('view:drawer:')).map((entry) => entry.title)).toEqual([
      'Open Publish in the drawer',
      'Open Subscriptions in the drawer',
      'Open Topics in the drawer',
      'Open Payload in the drawer',
      'Open Plot in the drawer',
    ]);
  });

  it('show the broker, proxy, lab and settings views', () => {
    for (const view of ['broker', 'proxy', 'lab', 'settings'] as const) {
      void command(`view:show:${view}`).run();
      expect(useStore.getState().view).toBe(view);
    }
  });

  it('switch to the themes not in use', () => {
    expect(commands().filter((entry) => entry.id.startsWith('view:theme:')).map((entry) => entry.title)).toEqual(['Switch to the light theme', 'Switch to the dark theme']);
    void command('view:theme:dark').run();
    expect(useStore.getState().theme).toBe('dark');
    expect(commands().filter((entry) => entry.id.startsWith('view:theme:')).map((entry) => entry.title)).toEqual(['Follow the OS theme', 'Switch to the light theme']);
  });
});

describe('without the engine', () => {
  it('a command that needs it says so', async () => {
    useStore.setState({ api: undefined });
    await expect(Promise.resolve().then(() => command('connect:profile:p1').run())).rejects.toThrow('Not connected to the engine');
  });
});
