// The engine's trace store: every connection recorded into its own file under the data folder
// as it happens, a summary beside each, past sessions listed and reopened, the oldest closed
// ones dropped past the size cap, and sessions a crash left open said to have ended so.
import { mkdirSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { formatBytes } from '@shared/format-bytes';
import { statusText } from '@shared/model/outcome';
import { sessionsPastCap, type SessionSummary } from '@shared/model/session-summary';
import type { SessionStory } from '@shared/model/session-story';
import { toTraceEntry, type TraceEntry } from '@shared/model/trace';
import { writeFileAtomic } from '../profiles/atomic-write';
import { replayTraceFile } from './replay';
import { SessionRecorder } from './session-recorder';
import { readEntries } from './read-entries';
import { TraceReader } from './trace-reader';
import { SessionQueries } from './session-queries';
import type { TraceIndex } from './trace-index';
import type { SessionUpdate } from '@shared/model/session-view';
import { encodeTraceFile, readTraceFile, type SessionRecord } from './trace-file';
import type { CapturedSession } from '@shared/model/capture';
import type { LabTag } from '@shared/model/lab';
import { randomUUID } from 'node:crypto';
import { heldFileIsCopyOf } from './held-copy';
import { CLOSED_VIEWS_KEPT, EXPORT_LIMIT_BYTES, LOADED_LIMIT } from '../limits';
import { DEFAULT_TRACE_CAP_BYTES, TRACE_CAP_MIN_BYTES } from '@shared/limits';

const ID_PATTERN = /^[A-Za-z0-9._-]{1,100}$/;

const summarySchema = z.object({
  id: z.string(),
  origin: z.enum(['client', 'proxy', 'broker', 'file', 'capture']),
  label: z.string(),
  clientId: z.string().optional(),
  broker: z.string().optional(),
  startTime: z.number(),
  endTime: z.number().optional(),
  packets: z.number(),
  bytes: z.number(),
  outcome: z.string(),
  open: z.boolean(),
  endedUnexpectedly: z.boolean().optional(),
  lab: z.object({ run: z.string(), experiment: z.string() }).optional(),
});

const settingsSchema = z.object({ capBytes: z.number().int().min(TRACE_CAP_MIN_BYTES).max(Number.MAX_SAFE_INTEGER) });
export type TraceStoreSettings = z.infer<typeof settingsSchema>;

export class TraceStore {
  readonly dir: string;
  private readonly live = new Map<string, SessionRecorder>();
  /** Closed sessions (live ones are their recorders). */
  private readonly summaries = new Map<string, SessionSummary>();
  /** Bytes of the closed sessions' files: the cap is checked at every session's end, without
   *  adding them all up again. */
  private closedBytes = 0;
  /** Closed sessions held for reading: just ended, or reopened (each an index of its packets). */
  private readonly loaded = new Map<string, LoadedSession>();
  /** The views of the sessions that closed last (CLOSED_VIEWS_KEPT), as they closed. */
  private readonly closedViews = new Map<string, SessionUpdate>();
  /** Sessions whose recording is being completed (the connection's end, or the app closing). */
  private readonly finishing = new Map<string, Promise<void>>();
  private settings: TraceStoreSettings = { capBytes: DEFAULT_TRACE_CAP_BYTES };
  /** What could not be read or recorded, in words (a torn file, a full disk); the first 100. */
  readonly problems: string[] = [];

  note(problem: string): void {
    if (this.problems.length < 100) this.problems.push(problem);
  }

  /**
   * @param labTagOf the lab run a session belongs to when its record does not say (the local
   *   broker's side of a lab connection): the engine knows the lab.
   */
  constructor(dataDir: string, private readonly labTagOf: (record: SessionRecord, story: SessionStory) => LabTag | undefined = () => undefined) {
    this.dir = path.join(dataDir, 'traces');
    // Made now: a connection may start recording before `start` has read the folder.
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
  }

  /** Reads what the folder holds; sessions a crash left open are read from their files. */
  async start(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    this.settings = (await readJson(path.join(this.dir, 'settings.json'), settingsSchema)) ?? this.settings;
    const names = await fs.readdir(this.dir);
    // A summary half written when the app stopped: its trace file tells it again.
    await Promise.all(names.filter((name) => name.endsWith('.tmp')).map((name) => fs.rm(path.join(this.dir, name), { force: true })));
    for (const name of names.filter((file) => file.endsWith('.trace'))) {
      // A session is known by its file's name, never by what a file says its id is: a file
      // copied in under another name, or naming a path, stays inside this folder.
      const id = name.slice(0, -'.trace'.length);
      if (this.live.has(id) || !ID_PATTERN.test(id)) continue;
      const summary = await readJson(this.summaryFile(id), summarySchema);
      if (summary && !summary.open && summary.id === id) {
        this.keepSummary(summary);
        continue;
      }
      // Open when the app stopped: read what reached the disk.
      const replayed = await replayTraceFile(this.traceFile(id)).catch((error: Error) => error);
      if (replayed instanceof Error) {
        this.note(`${name}: ${replayed.message}`);
        continue;
      }
      if (replayed.problem) this.note(`${name}: ${replayed.problem.message}`);
      if (!replayed.record) continue;
      const recovered = summaryOf({ ...replayed.record, id }, replayed.story, replayed.index.packetCount, replayed.fileSize, false, true, this.labOf({ ...replayed.record, id }, replayed.story));
      this.keepSummary(recovered);
      await this.writeSummary(recovered);
    }
  }

  get capBytes(): number {
    return this.settings.capBytes;
  }

  /** Saves a cap and applies it, only when every session it deletes is among `confirmed` (the
   *  ones the person was shown): a session that closed or grew since is never deleted unlisted.
   *  Otherwise nothing is saved or deleted, and the error says which sessions were not shown. */
  async setCapBytes(capBytes: number, confirmed: readonly string[] = []): Promise<TraceStoreSettings> {
    const settings = settingsSchema.parse({ capBytes });
    const shown = new Set(confirmed);
    const unlisted = this.pastCap(settings.capBytes).filter((summary) => !shown.has(summary.id));
    if (unlisted.length > 0) {
      const names = unlisted.slice(0, 3).map((summary) => summary.label).join(', ') + (unlisted.length > 3 ? ', …' : '');
      throw new Error(`This cap now also deletes ${unlisted.length} session${unlisted.length === 1 ? '' : 's'} not confirmed (${names}); nothing was deleted and the cap is as it was`);
    }
    // Applied in the same turn as the check: `enforceCap` reads what goes before its first await.
    this.settings = settings;
    const deleting = this.enforceCap();
    await Promise.all([writeFileAtomic(path.join(this.dir, 'settings.json'), JSON.stringify(this.settings)), deleting]);
    return this.settings;
  }

  /** Starts recording a connection. */
  record(record: SessionRecord): SessionRecorder {
    if (!ID_PATTERN.test(record.id)) throw new Error(`Not a session id: ${record.id}`);
    const recorder = SessionRecorder.create(this.traceFile(record.id), record, (error) => this.note(`Session ${record.id} stopped being recorded: ${error.message}`));
    // No summary yet: a file without one is read from its records at the next start, which is
    // what a session the app did not see end needs anyway.
    this.live.set(record.id, recorder);
    return recorder;
  }

  recorder(id: string): SessionRecorder | undefined {
    return this.live.get(id);
  }

  /** The connection is over: its file is completed, its summary written, the cap applied. */
  finish(id: string): Promise<void> {
    let finishing = this.finishing.get(id);
    if (!finishing) {
      finishing = this.complete(id).finally(() => this.finishing.delete(id));
      this.finishing.set(id, finishing);
    }
    return finishing;
  }

  private async complete(id: string): Promise<void> {
    const recorder = this.live.get(id);
    if (!recorder) return;
    // Everything in the file first; then readers move to a handle of their own, and only then is
    // the recorder's closed, so no question asked meanwhile finds it gone.
    await recorder.flush();
    const handle = await fs.open(this.traceFile(id), 'r').catch(() => undefined);
    // Kept for reading as it is: its index need not be read again from the file.
    if (handle) this.keepLoaded(id, loadedSession(recorder.record, recorder.index, recorder.story(), handle));
    this.live.delete(id);
    await recorder.close();
    const summary = { ...this.liveSummary(recorder), open: false };
    this.keepSummary(summary);
    this.keepClosedView(id, viewOf(recorder.record, recorder.index, recorder.story(), false, undefined, summary.lab));
    await this.writeSummary(summary);
    await this.enforceCap();
  }

  /**
   * Sessions read from a file, kept as sessions of their own (new ids), closed; one the store
   * already holds (the same recording, opened again) is that one, not a copy (`held`).
   */
  async importSessions(sessions: readonly CapturedSession[]): Promise<{ summary: SessionSummary; held: boolean }[]> {
    const imported: { summary: SessionSummary; held: boolean }[] = [];
    for (const session of sessions) {
      const held = await this.heldCopy(session);
      if (held) {
        imported.push({ summary: held, held: true });
        continue;
      }
      const id = randomUUID();
      const file = this.traceFile(id);
      await fs.writeFile(file, Buffer.concat(encodeTraceFile([{ ...session, id }])), { mode: 0o600, flag: 'wx' });
      const replayed = await replayTraceFile(file);
      const summary = summaryOf(replayed.record!, replayed.story, replayed.index.packetCount, replayed.fileSize, false, false, this.labOf(replayed.record!, replayed.story));
      this.keepSummary(summary);
      await this.writeSummary(summary);
      imported.push({ summary, held: false });
    }
    await this.enforceCap();
    return imported;
  }

  /** The held session this one is a copy of: only those that began at the same instant and whose
   *  file is the size this one's would be (give or take its session record) are read, a piece at a time. */
  private async heldCopy(session: CapturedSession): Promise<SessionSummary | undefined> {
    for (const candidate of this.list().filter((summary) => summary.startTime === session.startTime)) {
      await this.live.get(candidate.id)?.flush();
      if (await heldFileIsCopyOf(this.traceFile(candidate.id), session)) return candidate;
    }
    return undefined;
  }

  /** The sessions as captured, read whole from their files (for an export): refused past
   *  `limitBytes` of trace files, since the export is made in memory. */
  async captured(ids: readonly string[], limitBytes = EXPORT_LIMIT_BYTES): Promise<CapturedSession[]> {
    let total = 0;
    for (const id of ids) {
      if (!this.summaries.has(id) && !this.live.has(id)) throw new Error(`No such session: ${id}`);
      await this.live.get(id)?.flush();
      total += (await fs.stat(this.traceFile(id))).size;
    }
    if (total > limitBytes) throw new Error(`These sessions take ${formatBytes(total)} on disk; an export is made in memory and takes at most ${formatBytes(limitBytes)}: export fewer sessions at a time`);
    const sessions: CapturedSession[] = [];
    for (const id of ids) {
      const { sessions: read } = readTraceFile(await fs.readFile(this.traceFile(id)));
      sessions.push(...read);
    }
    return sessions;
  }

  /** Newest first. */
  list(): SessionSummary[] {
    const all = [...[...this.live.values()].map((recorder) => this.liveSummary(recorder)), ...[...this.summaries.values()].filter((summary) => !this.live.has(summary.id))];
    return all.sort((a, b) => b.startTime - a.startTime);
  }

  async delete(id: string): Promise<void> {
    if (this.live.has(id)) throw new Error('This session is still recording: end its connection first');
    if (!this.summaries.has(id)) throw new Error('No such session');
    this.forgetSummary(id);
    this.closedViews.delete(id);
    await this.loaded.get(id)?.reader.close().catch(() => {});
    this.loaded.delete(id);
    await Promise.all([fs.rm(this.traceFile(id), { force: true }), fs.rm(this.summaryFile(id), { force: true })]);
  }

  /** Entries [from, from + count) of a session, live or past, and how many it has: what a person
   *  asked to see, so their bytes become hex here. */
  async entries(id: string, from: number, count: number): Promise<{ entries: TraceEntry[]; total: number; open: boolean }> {
    const recorder = this.live.get(id);
    if (recorder) return { entries: (await recorder.entries(from, count)).map(toTraceEntry), total: recorder.index.count, open: true };
    const session = await this.load(id);
    const entries = await session.reader.use((readAt) => readEntries(session.index, readAt, from, count));
    return { entries: entries.map(toTraceEntry), total: session.index.count, open: false };
  }

  /** What the UI asks of a session, live or past. */
  async queries(id: string): Promise<SessionQueries> {
    return this.live.get(id)?.queries ?? (await this.load(id)).queries;
  }

  /** A session as the UI sees it: counts, times, type names, its story. */
  async view(id: string): Promise<SessionUpdate> {
    const recorder = this.live.get(id);
    if (recorder) return this.liveView(recorder);
    const closed = this.closedViews.get(id);
    if (closed) return closed;
    const session = await this.load(id);
    return viewOf(session.record, session.index, session.story, false, this.summaries.get(id)?.endedUnexpectedly, this.labOf(session.record, session.story) ?? this.summaries.get(id)?.lab);
  }

  /** The view of a session recording now (cheap: from its index and running story). */
  liveView(recorder: SessionRecorder): SessionUpdate {
    const story = recorder.story();
    return viewOf(recorder.record, recorder.index, story, recorder.open, false, this.labOf(recorder.record, story));
  }

  /** Stops every recording (the app is closing). */
  /** Completes every recording (the app is closing); the sessions stay held for their last views. */
  async finishAll(): Promise<void> {
    await Promise.all([...this.live.keys()].map((id) => this.finish(id)));
  }

  async dispose(): Promise<void> {
    await this.finishAll();
    await Promise.all([...this.loaded.values()].map((session) => session.reader.close()));
    this.loaded.clear();
  }

  private async load(id: string): Promise<LoadedSession> {
    const known = this.loaded.get(id);
    if (known) {
      // The most recently used last: the first is the one to let go.
      this.loaded.delete(id);
      this.loaded.set(id, known);
      return known;
    }
    if (!this.summaries.has(id)) throw new Error('No such session');
    const replayed = await replayTraceFile(this.traceFile(id), { keepOpen: true });
    const handle = replayed.handle!;
    if (!replayed.record) {
      await handle.close();
      throw new Error('This session’s file has no session record');
    }
    return this.keepLoaded(id, loadedSession({ ...replayed.record, id }, replayed.index, replayed.story, handle));
  }

  /** The view of a session as it closed, for the UI told of it just after: sessions closing in a
   *  burst are let go from memory sooner than their views are asked, and would each be read
   *  back from its file for it. */
  private keepClosedView(id: string, view: SessionUpdate): void {
    this.closedViews.set(id, view);
    if (this.closedViews.size > CLOSED_VIEWS_KEPT) this.closedViews.delete(this.closedViews.keys().next().value!);
  }

  private keepLoaded(id: string, session: LoadedSession): LoadedSession {
    void this.loaded.get(id)?.reader.close().catch(() => {});
    this.loaded.set(id, session);
    if (this.loaded.size > LOADED_LIMIT) {
      const [oldest, dropped] = this.loaded.entries().next().value!;
      this.loaded.delete(oldest);
      void dropped.reader.close().catch(() => {});
    }
    return session;
  }

  /** Past the cap, the oldest closed sessions go; an open one never does. */
  async enforceCap(): Promise<void> {
    for (const summary of this.pastCap(this.settings.capBytes)) {
      // Another pass (a second session ending at once) may have dropped it already.
      if (!this.summaries.has(summary.id) || this.live.has(summary.id)) continue;
      await this.delete(summary.id);
    }
  }

  /** The closed sessions a cap deletes, oldest first. */
  private pastCap(capBytes: number): SessionSummary[] {
    const total = [...this.live.values()].reduce((sum, recorder) => sum + recorder.size, 0) + this.closedBytes;
    if (total <= capBytes) return [];
    // The rule the page shows before a lower cap is saved (`sessionsPastCap`), on the live
    // sessions' sizes without building their summaries; an open one never goes.
    const live = [...this.live.values()].map((recorder) => ({ id: recorder.record.id, bytes: recorder.size, open: true, startTime: recorder.record.startTime }));
    const closed = [...this.summaries.values()].filter((summary) => !this.live.has(summary.id));
    return sessionsPastCap<SessionSummary | (typeof live)[number]>([...live, ...closed], capBytes).filter((summary): summary is SessionSummary => !summary.open);
  }

  /** A closed session's summary, its bytes counted once in `closedBytes`. */
  private keepSummary(summary: SessionSummary): void {
    this.forgetSummary(summary.id);
    this.summaries.set(summary.id, summary);
    this.closedBytes += summary.bytes;
  }

  private forgetSummary(id: string): void {
    this.closedBytes -= this.summaries.get(id)?.bytes ?? 0;
    this.summaries.delete(id);
  }

  private liveSummary(recorder: SessionRecorder): SessionSummary {
    const story = recorder.story();
    return summaryOf(recorder.record, story, recorder.index.packetCount, recorder.size, recorder.open, false, this.labOf(recorder.record, story));
  }

  private labOf(record: SessionRecord, story: SessionStory): LabTag | undefined {
    return record.lab ?? this.labTagOf(record, story);
  }

  /** Written whole then renamed into place, without waiting for the disk: a summary lost to a
   *  power cut is read again from its trace file. */
  private async writeSummary(summary: SessionSummary): Promise<void> {
    const file = this.summaryFile(summary.id);
    const temp = `${file}.${randomUUID()}.tmp`;
    await fs.writeFile(temp, JSON.stringify(summary), { mode: 0o600 });
    await fs.rename(temp, file);
  }

  private traceFile(id: string): string {
    return path.join(this.dir, `${id}.trace`);
  }

  private summaryFile(id: string): string {
    return path.join(this.dir, `${id}.json`);
  }
}

interface LoadedSession {
  record: SessionRecord;
  index: TraceIndex;
  story: SessionStory;
  reader: TraceReader;
  queries: SessionQueries;
}

function loadedSession(record: SessionRecord, index: TraceIndex, story: SessionStory, handle: fs.FileHandle): LoadedSession {
  const reader = TraceReader.ofHandle(handle);
  return { record, index, story, reader, queries: new SessionQueries(index, reader) };
}

function viewOf(record: SessionRecord, index: TraceIndex, story: SessionStory, open: boolean, endedUnexpectedly: boolean | undefined, lab: LabTag | undefined): SessionUpdate {
  const first = index.entryShape(0);
  const firstTime = first?.kind === 'whole' ? first.entry.time : first?.kind === 'packet' ? first.time : record.startTime;
  // A DNS lookup's entry comes when it ends: the session began when it started.
  const startTime = first?.kind === 'whole' && first.entry.kind === 'lifecycle' && 'durationMs' in first.entry.event ? firstTime - first.entry.event.durationMs : firstTime;
  return {
    id: record.id,
    origin: record.origin,
    open,
    ...(endedUnexpectedly ? { endedUnexpectedly } : {}),
    ...(lab ? { lab } : {}),
    startTime,
    lastTime: index.count > 0 ? index.timeOf(index.count - 1) : startTime,
    entries: index.count,
    rows: index.rowCount,
    typeNames: [...index.typeNames].sort(),
    story,
  };
}

function summaryOf(record: SessionRecord, story: SessionStory, packets: number, bytes: number, open: boolean, endedUnexpectedly: boolean, lab: LabTag | undefined): SessionSummary {
  const clientId = story.connect?.clientId;
  const broker = record.broker ? `${record.broker.address}:${record.broker.port}` : undefined;
  const outcome = endedUnexpectedly && !story.end ? 'Ended unexpectedly (the app stopped)' : statusText(story);
  return {
    id: record.id,
    origin: record.origin,
    label: clientId ? clientId : record.label,
    ...(clientId !== undefined ? { clientId } : {}),
    ...(broker ? { broker } : {}),
    startTime: record.startTime,
    ...(story.end ? { endTime: story.end.time } : {}),
    packets,
    bytes,
    outcome,
    open,
    ...(endedUnexpectedly ? { endedUnexpectedly } : {}),
    ...(lab ? { lab } : {}),
  };
}

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  try {
    const parsed = schema.safeParse(JSON.parse(await fs.readFile(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
