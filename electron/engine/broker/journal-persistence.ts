// Broker state that survives a restart and a crash: aedes-persistence's in-memory store, with
// every change appended to a journal and flushed to disk (fsync) before the change is reported
// done — so nothing the broker acknowledged is lost. On start the journal is read line by line
// and replayed, then rewritten compactly (temp file, fsync, rename); while running it is
// rewritten again whenever it has grown to several times its compact size.
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { syncFolder } from '../profiles/atomic-write';

import AsyncMemoryPersistence from 'aedes-persistence/asyncPersistence.js';
import { MemorySessionRegister, type SessionRegister } from './session-register';
import { COMPACT_AFTER_BYTES, MAX_LISTED_PROBLEMS } from '../limits';

type Store = Record<string, (...args: unknown[]) => unknown> & { outgoingStream(client: { id: string }): Readable; createRetainedStreamCombi(patterns: string[]): Readable };
const MemoryPersistence = AsyncMemoryPersistence as unknown as new () => Store;

/** The store's methods that change what it holds, in the order they happened. */
const CHANGES = [
  'storeRetained',
  'addSubscriptions',
  'removeSubscriptions',
  'cleanSubscriptions',
  'outgoingEnqueue',
  'outgoingEnqueueCombi',
  'outgoingUpdate',
  'outgoingClearMessageId',
  'incomingStorePacket',
  'incomingDelPacket',
  'cleanIncoming',
  'putWill',
  'delWill',
] as const;
type Change = (typeof CHANGES)[number];

/** Records of our own: which client ids hold a session (see session-register.ts). */
const SESSION_OPS = ['holdSession', 'dropSession'] as const;
type SessionOp = (typeof SESSION_OPS)[number];

interface JournalRecord {
  op: Change | SessionOp;
  args: unknown[];
}

/** A journal line that was not replayed, and why. */
export interface JournalProblem {
  line: number;
  message: string;
}

export interface JournalOptions {
  /** Appended bytes below which the journal is never rewritten while running. */
  compactAfterBytes?: number;
  /** …and the growth, as a multiple of its last compact size, that triggers a rewrite. */
  compactRatio?: number;
}

const COMPACT_RATIO = 2;

/** Buffers become base64 in the journal, and come back as Buffers. */
const replacer = (_key: string, value: unknown) =>
  value && typeof value === 'object' && (value as { type?: string }).type === 'Buffer' && Array.isArray((value as { data?: unknown }).data)
    ? { $base64: Buffer.from((value as { data: number[] }).data).toString('base64') }
    : value;
const reviver = (_key: string, value: unknown) =>
  value && typeof value === 'object' && typeof (value as { $base64?: unknown }).$base64 === 'string' ? Buffer.from((value as { $base64: string }).$base64, 'base64') : value;

/** Only what the store reads of a client: its id. */
function slim(op: Change, args: unknown[]): unknown[] {
  const clientFirst = op !== 'storeRetained' && op !== 'outgoingEnqueue' && op !== 'outgoingEnqueueCombi';
  return clientFirst ? [{ id: (args[0] as { id: string }).id }, ...args.slice(1)] : args;
}

async function collect(stream: Readable): Promise<unknown[]> {
  const items: unknown[] = [];
  for await (const item of stream) items.push(item);
  return items;
}

export class JournalPersistence implements SessionRegister {
  private readonly memory = new MemoryPersistence();
  private readonly sessions = new MemorySessionRegister();
  private file: FileHandle | undefined;
  private pending: { line: string; done: () => void; failed: (error: Error) => void }[] = [];
  private flushing = false;
  /** Lines of the journal read at start that were not replayed (the first hundred, then a count). */
  readonly problems: JournalProblem[] = [];
  private problemsLeftOut = 0;
  /** How often the journal was rewritten while running, and how many changes waited for it. */
  readonly stats = { rewrites: 0, changesThatWaited: 0 };
  private compactedBytes = 0;
  private appendedBytes = 0;
  /** Changes applied to memory whose records are not on disk yet. */
  private inFlight = 0;
  private settled: (() => void) | undefined;
  /** Set while the journal is rewritten: changes wait for it. */
  private compacting: Promise<void> | undefined;
  /** Set while the new journal replaces the old: nothing is flushed. */
  private rewriting = false;

  private constructor(
    private readonly journalPath: string,
    private readonly tuning: Required<JournalOptions>,
  ) {
    // Aedes calls the store's methods on this object: the ones that change state are applied,
    // then journaled; every other one (reads, streams) goes straight to the in-memory store.
    return new Proxy(this, {
      get: (target, name, receiver) => {
        if (name in target) return Reflect.get(target, name, receiver);
        const method = target.memory[name as string];
        if (typeof method !== 'function') return method;
        if ((CHANGES as readonly string[]).includes(name as string)) {
          return async (...args: unknown[]) => {
            if (target.compacting) target.stats.changesThatWaited++;
            while (target.compacting) await target.compacting;
            target.inFlight++;
            try {
              const result = await method.apply(target.memory, args);
              await target.append({ op: name as Change, args: slim(name as Change, args) });
              return result;
            } finally {
              if (--target.inFlight === 0) target.settled?.();
            }
          };
        }
        return method.bind(target.memory);
      },
    });
  }

  /** Opens the journal in `dir`, replays it, and rewrites it compactly. */
  static async open(dir: string, options: JournalOptions = {}): Promise<JournalPersistence> {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const persistence = new JournalPersistence(path.join(dir, 'journal.jsonl'), {
      compactAfterBytes: options.compactAfterBytes ?? COMPACT_AFTER_BYTES,
      compactRatio: options.compactRatio ?? COMPACT_RATIO,
    });
    await persistence.replay();
    await persistence.compact();
    persistence.file = await open(persistence.journalPath, 'a', 0o600);
    return persistence;
  }

  /** Aedes calls this on start; the in-memory store needs the broker. */
  async setup(broker: unknown): Promise<void> {
    await (this.memory.setup as (broker: unknown) => Promise<void>)(broker);
  }

  async destroy(): Promise<void> {
    while (this.compacting) await this.compacting;
    await this.flush();
    await this.file?.close();
    this.file = undefined;
    await (this.memory.destroy as () => Promise<void>)();
  }

  /** Replays the journal line by line: its size never decides whether the broker can start. */
  private async replay(): Promise<void> {
    const input = createReadStream(this.journalPath, { encoding: 'utf8' });
    const opened = new Promise<boolean>((resolve, reject) => {
      input.once('open', () => resolve(true));
      input.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? resolve(false) : reject(error)));
    });
    if (!(await opened)) return;
    let number = 0;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      number++;
      if (!line.trim()) continue;
      let record: JournalRecord;
      try {
        record = JSON.parse(line, reviver) as JournalRecord;
      } catch (error) {
        // A crash can cut the last line short; what was cut was never acknowledged.
        this.problem(number, `not JSON, skipped (${(error as Error).message.slice(0, 120)}); a line cut short by a crash was never acknowledged`);
        continue;
      }
      if (typeof record !== 'object' || record === null || !Array.isArray(record.args)) {
        this.problem(number, 'not a change (an object with "op" and "args"), skipped');
        continue;
      }
      const known = (SESSION_OPS as readonly string[]).includes(record.op) || (CHANGES as readonly string[]).includes(record.op);
      if (!known) {
        this.problem(number, `an unknown change "${String(record.op).slice(0, 40)}", skipped`);
        continue;
      }
      try {
        await this.replayOne(record);
      } catch (error) {
        this.problem(number, `"${record.op}" could not be replayed (${(error as Error).message.slice(0, 120)}), skipped`);
      }
    }
    if (this.problemsLeftOut > 0) this.problems.push({ line: number, message: `and ${this.problemsLeftOut} more lines skipped` });
  }

  private async replayOne(record: JournalRecord): Promise<void> {
    if ((SESSION_OPS as readonly string[]).includes(record.op)) {
      const { id } = record.args[0] as { id: string };
      if (typeof id !== 'string') throw new Error('no client id');
      await (record.op === 'holdSession' ? this.sessions.hold(id) : this.sessions.drop(id));
      return;
    }
    this.remember(record);
    await (this.memory[record.op] as (...args: unknown[]) => Promise<unknown>)(...record.args);
  }

  /** The first lines that were skipped are listed; beyond that only counted. */
  private problem(line: number, message: string): void {
    if (this.problems.length < MAX_LISTED_PROBLEMS) this.problems.push({ line, message });
    else this.problemsLeftOut++;
  }

  /**
   * Rewrites the journal from what the store holds now. Changes wait meanwhile, and those already
   * applied are flushed first, so the rewrite holds each change exactly once.
   */
  private async compactWhileRunning(): Promise<void> {
    if (this.compacting) return;
    let release!: () => void;
    this.compacting = new Promise((resolve) => (release = resolve));
    try {
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.settled = resolve));
      this.settled = undefined;
      // Nothing is written to the old file once the rewrite starts: a record appended to it
      // after the rename would be lost with it. Session records (idempotent) wait in `pending`.
      while (this.flushing) await new Promise((resolve) => setImmediate(resolve));
      this.rewriting = true;
      await this.compact();
      await this.file?.close();
      this.file = await open(this.journalPath, 'a', 0o600);
      this.stats.rewrites++;
    } catch {
      // A rewrite that failed (a full disk) leaves the journal as it was, appended to as before;
      // the next flush tries again.
      this.file ??= await open(this.journalPath, 'a', 0o600).catch(() => undefined);
    } finally {
      this.rewriting = false;
      this.compacting = undefined;
      release();
      void this.flush();
    }
  }

  /** Writes the state as the fewest records, then swaps it in for the journal. */
  private async compact(): Promise<void> {
    const records: JournalRecord[] = this.sessions.held().map((id) => ({ op: 'holdSession', args: [{ id }] }));
    for (const packet of await collect(this.memory.createRetainedStreamCombi(['#']))) records.push({ op: 'storeRetained', args: [packet] });
    // Ids the store still holds something for; the others (clean sessions long gone) are forgotten,
    // so the next rewrite does not walk every client id the broker ever saw.
    const stillKnown = new Set([...this.sessions.held(), ...this.incoming.keys()]);
    for (const id of this.clientIds()) {
      const before = records.length;
      const subscriptions = (await (this.memory.subscriptionsByClient as (client: { id: string }) => Promise<unknown[] | null>)({ id })) ?? [];
      if (subscriptions.length > 0) records.push({ op: 'addSubscriptions', args: [{ id }, subscriptions] });
      for (const packet of await collect(this.memory.outgoingStream({ id }))) records.push({ op: 'outgoingEnqueue', args: [{ clientId: id }, packet] });
      const will = await (this.memory.getWill as (client: { id: string }) => Promise<unknown>)({ id });
      if (will) records.push({ op: 'putWill', args: [{ id }, will] });
      if (records.length > before) stillKnown.add(id);
    }
    // A QoS 2 message received but not yet released: a PUBLISH resent after a restart is known
    // by its id and not delivered twice [MQTT-4.3.3-2].
    for (const [id, packets] of this.incoming) for (const packet of packets.values()) records.push({ op: 'incomingStorePacket', args: [{ id }, packet] });
    const temp = `${this.journalPath}.tmp`;
    const handle = await open(temp, 'w', 0o600);
    let bytes = 0;
    try {
      // In pieces: one string of the whole state could be past what V8 can hold.
      for (let start = 0; start < records.length; start += 1000) {
        const piece = records.slice(start, start + 1000).map((record) => `${JSON.stringify(record, replacer)}\n`).join('');
        bytes += Buffer.byteLength(piece);
        await handle.write(piece);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.journalPath);
    await syncFolder(path.dirname(this.journalPath));
    this.compactedBytes = bytes;
    this.appendedBytes = 0;
    this.knownIds = stillKnown;
  }

  holds(clientId: string): boolean {
    return this.sessions.holds(clientId);
  }

  async hold(clientId: string): Promise<void> {
    if (this.sessions.holds(clientId)) return;
    await this.sessions.hold(clientId);
    await this.append({ op: 'holdSession', args: [{ id: clientId }] });
  }

  async drop(clientId: string): Promise<void> {
    if (!this.sessions.holds(clientId)) return;
    await this.sessions.drop(clientId);
    await this.append({ op: 'dropSession', args: [{ id: clientId }] });
  }

  held(): string[] {
    return this.sessions.held();
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Client ids the journal mentioned; the store has no list of its own. */
  private knownIds = new Set<string>();

  /** Every client id the store may hold something for (the sessions view asks). */
  clientIds(): string[] {
    return [...this.knownIds];
  }

  /** Appends a record; resolves once it is on disk. Records of one turn share one fsync. */
  private append(record: JournalRecord): Promise<void> {
    this.remember(record);
    return new Promise((done, failed) => {
      this.pending.push({ line: `${JSON.stringify(record, replacer)}\n`, done, failed });
      if (!this.flushing) setImmediate(() => void this.flush());
    });
  }

  /** Inbound QoS 2 packets awaiting PUBREL, by client id and message id; the store cannot list them. */
  private readonly incoming = new Map<string, Map<number, unknown>>();

  private remember(record: JournalRecord): void {
    const client = (record.args[0] as { id?: string } | undefined)?.id;
    if (client !== undefined && record.op === 'incomingStorePacket') {
      const packet = record.args[1] as { messageId: number };
      if (!this.incoming.has(client)) this.incoming.set(client, new Map());
      this.incoming.get(client)!.set(packet.messageId, packet);
    } else if (client !== undefined && record.op === 'incomingDelPacket') {
      this.incoming.get(client)?.delete((record.args[1] as { messageId: number }).messageId);
      if (this.incoming.get(client)?.size === 0) this.incoming.delete(client);
    } else if (client !== undefined && record.op === 'cleanIncoming') {
      this.incoming.delete(client);
    }
    const first = record.args[0] as { id?: string; clientId?: string } | { clientId: string }[] | undefined;
    if (Array.isArray(first)) for (const sub of first) this.knownIds.add(sub.clientId);
    else if (first && 'id' in first && first.id) this.knownIds.add(first.id);
    else if (first && 'clientId' in first && first.clientId) this.knownIds.add(first.clientId);
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.rewriting || this.pending.length === 0 || !this.file) return;
    this.flushing = true;
    const batch = this.pending;
    this.pending = [];
    try {
      const text = batch.map((item) => item.line).join('');
      await this.file.appendFile(text);
      await this.file.sync();
      this.appendedBytes += Buffer.byteLength(text);
      for (const item of batch) item.done();
    } catch (error) {
      for (const item of batch) item.failed(error as Error);
    } finally {
      this.flushing = false;
      // Under steady load something is always pending: the rewrite is started all the same, and
      // the changes arriving meanwhile wait for it.
      if (this.appendedBytes > this.tuning.compactAfterBytes && this.appendedBytes > this.tuning.compactRatio * this.compactedBytes) {
        setImmediate(() => void this.compactWhileRunning());
      }
      if (this.pending.length > 0) void this.flush();
    }
  }
}
