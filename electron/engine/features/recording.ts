// The engine's recording bookkeeping: every entry of every connection into the trace store, the
// UI told what changed, a recording that cannot start kept from stopping its connection, and the
// lab's connections (the local broker's side of them too) tagged with their run.
import { labTargetName, type LabTag, type LabTarget } from '@shared/model/lab';
import type { Direction, RecordedEntry } from '@shared/model/trace';
import { formatEndpoint, parseEndpoint } from '@shared/model/capture';
import { labTagOfClientId } from '../lab/lab-client-id';
import { UpdatePusher } from '../trace-store/update-pusher';
import { TraceStore } from '../trace-store/trace-store';
import { sessionRecordFrom } from '../trace-store/trace-file';
import { LAB_PEERS_KEPT } from '../limits';
import type { EventSink } from './handlers';

export class Recording {
  readonly traces: TraceStore;
  readonly updates: UpdatePusher;
  /** Connections whose recording has ended: nothing more of theirs is written. */
  private readonly finished = new Set<string>();
  /** Connections whose recording could not start, until they end. */
  private readonly unrecorded = new Set<string>();
  /** The lab's connections of this app by their local address (the newest LAB_PEERS_KEPT): the
   *  local broker's side of one whose CONNECT does not name its run (none sent, an empty client
   *  id) is known by its peer's address. */
  private readonly labPeers = new Map<string, LabTag>();

  constructor(dataDir: string, emit: EventSink) {
    this.traces = new TraceStore(dataDir, (record, story) => (record.origin === 'broker' ? this.brokerSideLabTag(story.connect?.clientId, story.peerAddress) : undefined));
    this.updates = new UpdatePusher(
      async (id) => {
        const recorder = this.traces.recorder(id);
        return recorder ? this.traces.liveView(recorder) : this.traces.view(id);
      },
      (sessions) => emit('trace.update', { sessions }),
    );
  }

  /** Every entry of every connection: into the trace store, and the UI told what changed. */
  readonly sink = (entry: RecordedEntry): void => {
    const id = entry.connectionId;
    const ends = entry.kind === 'lifecycle' && entry.event.phase === 'closed';
    if (this.finished.has(id)) return;
    if (this.unrecorded.has(id)) {
      if (ends) this.unrecorded.delete(id);
      return;
    }
    const recorder = this.traces.recorder(id) ?? this.recordSafely(sessionRecordFrom(entry, { origin: 'proxy', label: id }));
    if (!recorder) return;
    recorder.entry(entry);
    this.updates.mark(id);
    if (ends) this.finish(id);
  };

  /** A recording that stops while its connection is still open (a capture stopped following it). */
  endRecording(id: string, time: number): void {
    const recorder = this.traces.recorder(id);
    if (!recorder || this.finished.has(id)) return;
    recorder.recordingEnded(time);
    this.updates.mark(id);
    this.finish(id);
  }

  private finish(id: string): void {
    this.finished.add(id);
    // Told once more when the recording is complete: the session is closed for good then.
    void this.traces.finish(id).catch(() => {}).finally(() => {
      this.finished.delete(id);
      this.updates.mark(id);
    });
  }

  readonly onChunk = (connectionId: string, dir: Direction, chunk: Uint8Array, time: number): void => {
    if (!this.finished.has(connectionId)) this.traces.recorder(connectionId)?.chunk(dir, chunk, time);
  };

  /** A recording that cannot start (a full disk, a read-only folder) must not stop the connection;
   *  it is tried once. */
  recordSafely(record: Parameters<TraceStore['record']>[0]) {
    try {
      return this.traces.record(record);
    } catch (error) {
      this.unrecorded.add(record.id);
      this.traces.note(`Session ${record.id} could not be recorded: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** The engine's sink for the lab's connections: each is recorded as a client connection of
   *  this app, labelled as the lab's, before its first entry goes the usual way. */
  labSink(target: LabTarget, tag: Readonly<LabTag>) {
    const seen = new Set<string>();
    return (entry: RecordedEntry): void => {
      const id = entry.connectionId;
      if (!seen.has(id)) {
        seen.add(id);
        if (!this.traces.recorder(id)) this.recordSafely({ id, origin: 'client', label: `lab@${labTargetName(target)}`, broker: { address: target.host, port: target.port }, startTime: Date.now(), lab: { ...tag } });
      }
      if (entry.kind === 'lifecycle' && entry.event.phase === 'tcp') this.rememberLabPeer(entry.event.localAddress, tag);
      this.sink(entry);
    };
  }

  private rememberLabPeer(localAddress: string, tag: Readonly<LabTag>): void {
    const endpoint = parseEndpoint(localAddress);
    if (!endpoint) return;
    this.labPeers.set(formatEndpoint(endpoint), { ...tag });
    if (this.labPeers.size > LAB_PEERS_KEPT) this.labPeers.delete(this.labPeers.keys().next().value!);
  }

  /** The lab run the local broker's side of a connection belongs to: the one its client id names,
   *  else the one whose connection its peer is. */
  private brokerSideLabTag(clientId: string | undefined, peerAddress: string | undefined): LabTag | undefined {
    const peer = peerAddress === undefined ? undefined : parseEndpoint(peerAddress);
    return labTagOfClientId(clientId) ?? (peer ? this.labPeers.get(formatEndpoint(peer)) : undefined);
  }
}
