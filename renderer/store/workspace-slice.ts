// Where the person is in the workspace: the view in the main area (a connection, the connection
// form, a tool), the live-actions drawer (open, which tab) and the command palette. The drawer's
// state outlives a reload, as the panes' sizes do; the rest starts fresh.
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export const WORKSPACE_VIEWS = ['connection', 'form', 'broker', 'proxy', 'capture', 'lab', 'settings'] as const;
export type WorkspaceView = (typeof WORKSPACE_VIEWS)[number];

export const DRAWER_TABS = ['publish', 'subscriptions', 'topics', 'payload', 'plot'] as const;
export type DrawerTab = (typeof DRAWER_TABS)[number];

export interface WorkspaceSlice {
  view: WorkspaceView;
  /** Set once a view was asked for (the activity bar, the palette, a profile opened): what the
   *  page does on its own (showing the connections it found after a reload) leaves it alone. */
  viewChosen: boolean;
  showView(view: WorkspaceView): void;
  drawerOpen: boolean;
  drawerTab: DrawerTab;
  /** Opens (on a tab, or the last one) or closes the drawer. */
  setDrawer(open: boolean, tab?: DrawerTab): void;
  toggleDrawer(): void;
  paletteOpen: boolean;
  setPaletteOpen(open: boolean): void;
}

const DRAWER_KEY = 'mqttscope.drawer';

interface KeptDrawer {
  open: boolean;
  tab: DrawerTab;
}

/** What the last page kept of the drawer; anything unreadable reads as closed on Publish. */
export function readKeptDrawer(storage: Pick<Storage, 'getItem'> | undefined): KeptDrawer {
  try {
    const kept = JSON.parse(storage?.getItem(DRAWER_KEY) ?? 'null') as Partial<KeptDrawer> | null;
    const tab = DRAWER_TABS.find((known) => known === kept?.tab) ?? 'publish';
    return { open: kept?.open === true, tab };
  } catch {
    return { open: false, tab: 'publish' };
  }
}

function keepDrawer(drawer: KeptDrawer): void {
  try {
    globalThis.localStorage?.setItem(DRAWER_KEY, JSON.stringify(drawer));
  } catch {
    // A page without storage (private mode, full quota) keeps the drawer for this visit only.
  }
}

export const createWorkspaceSlice: StateCreator<AppState, [], [], WorkspaceSlice> = (set, get) => {
  const kept = readKeptDrawer(globalThis.localStorage);
  const setDrawer = (open: boolean, tab: DrawerTab = get().drawerTab) => {
    keepDrawer({ open, tab });
    set({ drawerOpen: open, drawerTab: tab });
  };
  return {
    view: 'form',
    viewChosen: false,
    showView: (view) => set({ view, viewChosen: true }),
    drawerOpen: kept.open,
    drawerTab: kept.tab,
    setDrawer,
    toggleDrawer: () => setDrawer(!get().drawerOpen),
    paletteOpen: false,
    setPaletteOpen: (open) => set({ paletteOpen: open }),
  };
};
