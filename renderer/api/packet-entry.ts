// One entry of a session read from the engine by its seq (live or past): what the copy and
// compare actions read instead of the page's own copy of the trace.
import type { EngineApi } from '@shared/contract';
import type { FrameErrorEntry, PacketEntry } from '@shared/model/trace';

export async function fetchBytesEntry(api: EngineApi, sessionId: string, seq: number): Promise<PacketEntry | FrameErrorEntry> {
  const { entries } = await api.request('sessions.entries', { id: sessionId, from: seq, count: 1 });
  const entry = entries.find((candidate) => candidate.seq === seq);
  if (!entry) throw new Error(`Entry ${seq} is not in the recorded session`);
  if (entry.kind === 'lifecycle') throw new Error(`Entry ${seq} holds no bytes`);
  return entry;
}

export async function fetchPacket(api: EngineApi, sessionId: string, seq: number): Promise<PacketEntry> {
  const entry = await fetchBytesEntry(api, sessionId, seq);
  if (entry.kind !== 'packet') throw new Error(`Entry ${seq} is not a packet`);
  return entry;
}
