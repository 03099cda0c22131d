// The one typed contract between the engine and the UI: every request with its parameter
// schema and result type, every pushed event, and the transport names the hosts use.
import { z } from 'zod';
import type { BrokerEvent } from './model/broker';
import type { CaptureStatus } from './model/live-capture';
import type { LabProgress, LabResult } from './model/lab';
import type { RepeatProgress } from './model/live-actions';
import type { SessionSummary } from './model/session-summary';
import type { SessionUpdate } from './model/session-view';
import { appRequests, type AppResults } from './contract/app';
import { brokerRequests, type BrokerResults } from './contract/broker';
import { captureRequests, type CaptureResults } from './contract/capture';
import { connectionRequests, type ConnectionResults } from './contract/connections';
import { fileRequests, type FileResults } from './contract/files';
import { labRequests, type LabResults } from './contract/lab';
import { profileRequests, type ProfileResults } from './contract/profiles';
import { proxyRequests, type ProxyResults } from './contract/proxy';
import { sessionRequests, type SessionResults } from './contract/sessions';

export * from './transport';
export type { AppInfo } from './contract/app';
export type { RunningBrokerInfo } from './contract/broker';
export type { RunningProxyInfo } from './contract/proxy';
export { PREVIOUS_ON_TOPIC_SCAN } from './contract/sessions';

/** Every request, by feature: each feature's file holds its requests' schemas and results. */
export const requestSchemas = {
  ...appRequests,
  ...connectionRequests,
  ...brokerRequests,
  ...proxyRequests,
  ...captureRequests,
  ...profileRequests,
  ...sessionRequests,
  ...fileRequests,
  ...labRequests,
} as const;

export type RequestName = keyof typeof requestSchemas;
export const REQUEST_NAMES = Object.keys(requestSchemas) as RequestName[];

export type RequestParams<N extends RequestName> = z.input<(typeof requestSchemas)[N]>;

export interface RequestResults extends AppResults, ConnectionResults, BrokerResults, ProxyResults, CaptureResults, ProfileResults, SessionResults, FileResults, LabResults {}

export interface EventPayloads {
  /** Sessions that changed (new entries, a new step in their story), at most ten times a
   *  second: counts and stories, never the packets — those are asked for by range. */
  'trace.update': { sessions: SessionUpdate[] };
  /** What the local broker did on its own: connections, refusals, wills, takeovers. */
  'broker.event': BrokerEvent;
  /** Where the capture from a network interface stands: a few times a second while it runs, and
   *  once when it ends (with why, when nobody stopped it). */
  'capture.status': CaptureStatus;
  /** What the lab runs now: sent before each experiment (`running`) and once when the run ends
   *  (without). `broker` is the target, so a view can tell a run against another broker. */
  'lab.progress': LabProgress;
  /** One experiment's result, as soon as it is known; `lab.run` still answers with them all. */
  'lab.result': LabResult;
  /** A repeated publication's progress, at most five times a second, and once when it ends. */
  'connection.repeat': RepeatProgress;
  /** A file the OS handed the desktop app (a double click, a second launch, File → Open),
   *  already read by the engine: its sessions to show, or how many profiles it imported. */
  'files.opened': FilesOpened;
  /** A command chosen in the desktop app's menu, carried out by the page as its button is. */
  'menu.command': { command: MenuCommand };
}
export type EventName = keyof EventPayloads;

export interface FilesOpened {
  name: string;
  kind: 'trace' | 'profiles';
  sessions: SessionSummary[];
  /** The ids among `sessions` the store held before: the same recording opened again. */
  alreadyHeld?: string[];
  /** Profiles imported, for a profiles file. */
  profiles?: number;
  problems: string[];
}

/** The menu's commands that the page carries out (they press the button the shortcut presses). */
export const MENU_COMMANDS = ['connect', 'disconnect', 'palette', 'drawer'] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

/** What the renderer talks to, whichever host it runs under. */
export interface EngineApi {
  request<N extends RequestName>(name: N, params: RequestParams<N>): Promise<RequestResults[N]>;
  /** Subscribes to a pushed event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
}

/** Messages on the browser-mode WebSocket. */
export const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.enum(REQUEST_NAMES as [RequestName, ...RequestName[]]),
  params: z.unknown(),
}).strict();
export type WireRequest = z.infer<typeof wireRequestSchema>;

export type WireMessage =
  | { id: number; result: unknown }
  | { id: number; error: string }
  | { event: EventName; payload: unknown };

/** Checks a request's parameters against the contract; throws an error a person can read. */
export function parseRequestParams<N extends RequestName>(name: N, params: unknown): z.output<(typeof requestSchemas)[N]> {
  const parsed = requestSchemas[name].safeParse(params);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'params'}: ${issue.message}`).join('; ');
    throw new Error(`Invalid parameters for ${name}: ${detail}`);
  }
  return parsed.data as z.output<(typeof requestSchemas)[N]>;
}
