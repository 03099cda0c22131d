// One connection of the lab: the engine's inspecting client, its story read as entries come,
// and the packets kept as evidence (a lab connection is short; a bound keeps it so).
import type { ConnectOptions } from '@shared/model/connect-options';
import { SessionStoryBuilder, type SessionStory } from '@shared/model/session-story';
import { toHex } from '@shared/mqtt';
import type { Direction, RecordedEntry } from '@shared/model/trace';
import { InspectingClient } from '../client/inspecting-client';
import type { ChunkListener, TraceSink } from '../trace/tap';
import type { Evidence, LabConnectionView } from './lab-types';
import { LAB_KEPT_PACKETS } from '../limits';

export interface LabRecording {
  sink?: TraceSink;
  onChunk?: ChunkListener;
}

export class LabConnection implements LabConnectionView {
  private readonly builder: SessionStoryBuilder;
  /** Copies of the bytes (the sink's are views): hex is made when the evidence is read. */
  private readonly packets: { dir: Direction; typeName: string; bytes: Uint8Array }[] = [];
  private readonly client: InspectingClient;
  private wake: () => void = () => {};
  ended = false;

  constructor(
    readonly id: string,
    options: ConnectOptions,
    recording: LabRecording = {},
  ) {
    this.builder = new SessionStoryBuilder(id);
    this.client = new InspectingClient(
      id,
      options,
      (entry: RecordedEntry) => {
        recording.sink?.(entry);
        this.builder.add(entry);
        if (entry.kind === 'packet' && this.packets.length < LAB_KEPT_PACKETS) this.packets.push({ dir: entry.dir, typeName: entry.typeName, bytes: entry.bytes.slice() });
        if (entry.kind === 'lifecycle' && entry.event.phase === 'closed') this.ended = true;
        this.wake();
      },
      recording.onChunk,
    );
    this.client.start();
  }

  story(): SessionStory {
    return this.builder.story();
  }

  until(check: (story: SessionStory) => boolean, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.wake = () => {};
        resolve(check(this.story()));
      }, timeoutMs);
      this.wake = () => {
        const story = this.story();
        if (!check(story) && !this.ended) return;
        clearTimeout(timer);
        this.wake = () => {};
        resolve(check(story));
      };
      this.wake();
    });
  }

  close(mode: 'disconnect' | 'abort' = 'disconnect'): Promise<void> {
    return this.client.close({ mode });
  }

  evidence(label: string): Evidence {
    return { label, connectionId: this.id, packets: this.packets.map(({ dir, typeName, bytes }) => ({ dir, typeName, hex: toHex(bytes) })) };
  }
}
