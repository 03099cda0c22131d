// A session with its secrets blanked: the CONNECT's password and every Authentication Data (in
// CONNECT, CONNACK and AUTH) overwritten by `*` of the same length, so every packet still frames
// and decodes. The dissector says where each secret's bytes are.
import { ConnectionDecoder, MqttFramer, PACKET_TYPE_IDS } from '@shared/mqtt';
import { SECRET_FILL, secretRanges } from '@shared/mqtt/secrets';
import type { CaptureChunk, CapturedSession } from '@shared/model/capture';
import type { Direction } from '@shared/model/trace';

/** Packets that can carry a secret. */
const WITH_SECRETS = new Set<number>([PACKET_TYPE_IDS.CONNECT, PACKET_TYPE_IDS.CONNACK, PACKET_TYPE_IDS.AUTH]);

export function redactSecrets(session: CapturedSession): CapturedSession {
  const decoder = new ConnectionDecoder();
  const framers: Record<Direction, MqttFramer> = { c2s: new MqttFramer(), s2c: new MqttFramer() };
  const streamAt: Record<Direction, number> = { c2s: 0, s2c: 0 };
  /** Per direction, stream ranges to blank. */
  const blanks: Record<Direction, [number, number][]> = { c2s: [], s2c: [] };
  for (const chunk of session.chunks) {
    const dir = chunk.dir;
    framers[dir].scan(
      chunk.bytes,
      (buffer, start, end) => {
        const packetStart = streamAt[dir];
        streamAt[dir] += end - start;
        if (!WITH_SECRETS.has(buffer[start] >> 4)) return;
        for (const [from, to] of secretRanges(decoder.decode(dir, buffer.subarray(start, end)).fields)) blanks[dir].push([packetStart + from, packetStart + to]);
      },
      (frame) => {
        if (frame.kind === 'oversize') streamAt[dir] += frame.declaredSize;
      },
    );
  }
  if (blanks.c2s.length === 0 && blanks.s2c.length === 0) return session;
  const position: Record<Direction, number> = { c2s: 0, s2c: 0 };
  const chunks = session.chunks.map((chunk): CaptureChunk => {
    const start = position[chunk.dir];
    const end = start + chunk.bytes.length;
    position[chunk.dir] = end;
    const touching = blanks[chunk.dir].filter(([from, to]) => from < end && to > start);
    if (touching.length === 0) return chunk;
    const bytes = chunk.bytes.slice();
    for (const [from, to] of touching) bytes.fill(SECRET_FILL, Math.max(from, start) - start, Math.min(to, end) - start);
    return { ...chunk, bytes };
  });
  return { ...session, chunks };
}
