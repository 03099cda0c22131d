// What the command palette offers: from the store's state, the lists the engine gave (profiles,
// recorded sessions, lab experiments) and the text typed, every command a person can run from
// the keyboard. Each command's action goes through the same store actions and requests as the
// control it stands for.
import { defaultFilter } from 'cmdk';
import type { ProfileSummary } from '@shared/model/profile';
import { formWarnings, needsConfirmation, parseConnectForm } from '@shared/model/connect-form';
import type { ExperimentInfo } from '@shared/model/lab';
import type { SessionSummary } from '@shared/model/session-summary';
import type { AppState } from '../../store';
import { THEME_TITLES, THEMES, type Theme } from '../../store/theme-slice';
import { DRAWER_TABS, type DrawerTab, type WorkspaceView } from '../../store/workspace-slice';
import { openClientConnections, openFormConnection } from '../connection-form/open-connection';
import { runLab } from '../lab/run-lab';
import { sessionBrokerText, sessionClientText, sessionShortTime } from '../sessions/session-names';
import { MAX_SESSION_COMMANDS } from '../../limits';

export const PALETTE_GROUPS = ['Connect', 'Sessions', 'Packets', 'Lab', 'View'] as const;
export type PaletteGroup = (typeof PALETTE_GROUPS)[number];

export interface PaletteCommand {
  id: string;
  group: PaletteGroup;
  title: string;
  /** More words it is found by. */
  keywords?: string[];
  /** Made from the text typed (a packet number): shown first. */
  pinned?: boolean;
  run(): void | Promise<void>;
}

/** What the palette asked of the engine when it opened. */
export interface PaletteLists {
  profiles: readonly ProfileSummary[];
  sessions: readonly SessionSummary[];
  experiments: readonly ExperimentInfo[];
}

export const NO_LISTS: PaletteLists = { profiles: [], sessions: [], experiments: [] };

const DRAWER_TITLES: Record<DrawerTab, string> = { publish: 'Publish', subscriptions: 'Subscriptions', topics: 'Topics', payload: 'Payload', plot: 'Plot' };
/** Each view with the words a person may look for it by (what it starts and stops). */
const SHOWN_VIEWS: { view: WorkspaceView; title: string; keywords?: string[] }[] = [
  { view: 'broker', title: 'Broker', keywords: ['start broker', 'stop broker', 'local broker'] },
  { view: 'proxy', title: 'Proxy', keywords: ['start proxy', 'stop proxy', 'recording proxy'] },
  { view: 'capture', title: 'Capture', keywords: ['start capture', 'stop capture', 'interface', 'dumpcap', 'sniff'] },
  { view: 'lab', title: 'Lab' },
  { view: 'settings', title: 'Settings' },
];
const THEME_COMMAND_TITLES: Record<Theme, string> = { system: 'Follow the OS theme', light: 'Switch to the light theme', dark: 'Switch to the dark theme' };

/** The packet number typed: `12`, `#12`, `packet 12`, `go to packet 12`. */
export function packetNumberOf(query: string): number | undefined {
  const match = /^(?:go\s+to\s+)?(?:packet\s+)?#?(\d{1,15})$/i.exec(query.trim());
  return match ? Number(match[1]) : undefined;
}

/** Every command, in the groups' order. `get` reads the store as it is now: an action runs on
 *  the state it finds, not the one the list was made from. */
export function paletteCommands(get: () => AppState, lists: PaletteLists, query: string): PaletteCommand[] {
  const state = get();
  return [
    ...connectCommands(get, lists.profiles),
    ...lists.sessions.slice(0, MAX_SESSION_COMMANDS).map((session) => sessionCommand(get, session)),
    ...packetCommands(get, query),
    ...lists.experiments.map((experiment) => labCommand(get, experiment)),
    ...viewCommands(state),
  ];
}

/** The commands the text typed finds, best first (cmdk's own fuzzy score over the title and
 *  keywords); a command made from the text comes before all. Nothing typed: all, as they are. */
export function matchCommands(commands: readonly PaletteCommand[], query: string): PaletteCommand[] {
  const search = query.trim();
  if (search === '') return [...commands];
  return commands
    .map((command, index) => ({ command, index, score: command.pinned ? Infinity : defaultFilter(command.title, search, command.keywords) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map(({ command }) => command);
}

/** The groups in the order their first command comes, each with its commands in their order. */
export function groupsOf(commands: readonly PaletteCommand[]): { group: PaletteGroup; commands: PaletteCommand[] }[] {
  const groups = new Map<PaletteGroup, PaletteCommand[]>();
  for (const command of commands) {
    const members = groups.get(command.group);
    if (members) members.push(command);
    else groups.set(command.group, [command]);
  }
  return [...groups].map(([group, members]) => ({ group, commands: members }));
}

function connectCommands(get: () => AppState, profiles: readonly ProfileSummary[]): PaletteCommand[] {
  return [
    { id: 'connect:new', group: 'Connect', title: 'New connection', keywords: ['connection form', 'broker'], run: () => get().showView('form') },
    ...profiles.map((profile): PaletteCommand => ({
      id: `connect:profile:${profile.id}`,
      group: 'Connect',
      title: `Connect to ${profile.name}`,
      keywords: ['profile', profile.target],
      run: () => connectToProfile(get, profile),
    })),
  ];
}

/** The profile fills the form and connects, as its row and Connect would. A form the form itself
 *  would ask to confirm (or could not send) is left in the form to be looked at. */
async function connectToProfile(get: () => AppState, profile: ProfileSummary): Promise<void> {
  const api = engine(get);
  await get().loadProfile(profile);
  const values = get().form;
  const parsed = parseConnectForm(values);
  if (!parsed.ok || needsConfirmation(formWarnings(values, openClientConnections(get().connections)))) {
    get().showView('form');
    throw new Error(`“${profile.name}” is in the connection form: look at its warnings there before connecting.`);
  }
  await openFormConnection(api, values, parsed.options);
}

function sessionCommand(get: () => AppState, session: SessionSummary): PaletteCommand {
  const title = [sessionClientText(session), sessionBrokerText(session), sessionShortTime(session.startTime)].filter(Boolean).join(' · ');
  return {
    id: `session:${session.id}`,
    group: 'Sessions',
    title: `Open ${title}`,
    keywords: ['session', session.outcome, ...(session.open ? ['recording'] : [])],
    run: () => get().openSession(session),
  };
}

/** With a packet number typed and a connection shown that has that many packets. */
function packetCommands(get: () => AppState, query: string): PaletteCommand[] {
  const number = packetNumberOf(query);
  const state = get();
  const connection = state.activeId ? state.connections[state.activeId] : undefined;
  if (number === undefined || !connection?.trace || number < 1 || number > connection.trace.rows) return [];
  return [
    {
      id: 'packet:go-to',
      group: 'Packets',
      title: `Go to packet ${number}`,
      keywords: [`#${number}`],
      pinned: true,
      run: async () => {
        // Packet N is the Nth row of the unfiltered list; the selection is by the row's seq.
        const { rows } = await engine(get).request('sessions.rows', { id: connection.id, from: number - 1, count: 1 });
        if (!rows[0]) throw new Error(`This connection has no packet ${number}`);
        if (get().activeId !== connection.id) return;
        get().showView('connection');
        get().selectEntry(rows[0].seq);
      },
    },
  ];
}

function labCommand(get: () => AppState, experiment: ExperimentInfo): PaletteCommand {
  return {
    id: `lab:${experiment.name}`,
    group: 'Lab',
    title: `Run experiment: ${experiment.title}`,
    keywords: ['lab', 'experiment', experiment.clause],
    run: async () => {
      get().showView('lab');
      await runLab(engine(get), [experiment.name]);
    },
  };
}

function viewCommands(state: AppState): PaletteCommand[] {
  return [
    { id: 'view:drawer', group: 'View', title: 'Toggle the drawer', keywords: ['live actions', 'show', 'hide'], run: () => state.toggleDrawer() },
    ...DRAWER_TABS.map((tab): PaletteCommand => ({
      id: `view:drawer:${tab}`,
      group: 'View',
      title: `Open ${DRAWER_TITLES[tab]} in the drawer`,
      keywords: ['drawer', 'live actions'],
      run: () => state.setDrawer(true, tab),
    })),
    ...SHOWN_VIEWS.map(({ view, title, keywords = [] }): PaletteCommand => ({ id: `view:show:${view}`, group: 'View', title: `Show ${title}`, keywords: ['view', ...keywords], run: () => state.showView(view) })),
    ...THEMES.filter((theme) => theme !== state.theme).map((theme): PaletteCommand => ({
      id: `view:theme:${theme}`,
      group: 'View',
      title: THEME_COMMAND_TITLES[theme],
      keywords: ['theme', 'colours', 'colors', THEME_TITLES[theme]],
      run: () => state.setTheme(theme),
    })),
  ];
}

function engine(get: () => AppState) {
  const api = get().api;
  if (!api) throw new Error('Not connected to the engine');
  return api;
}
