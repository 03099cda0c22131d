// Writes captured sessions as a pcapng file Wireshark opens: one Ethernet interface, each
// session one TCP stream between its ends, packets of all sessions interleaved by time. The
// file comes as blocks, one per packet, so a caller writes it out without one huge copy.
import type { CapturedSession } from '@shared/model/capture';
import { LINKTYPE_ETHERNET } from './link-types';
import { mergeByTime } from './merge-by-time';
import { enhancedPacketBlock, interfaceDescriptionBlock, sectionHeaderBlock } from './pcapng-blocks';
import { sessionEnds } from './session-endpoints';
import { sessionFrames } from './session-frames';
import { MAX_CAPTURED_PACKET } from '../limits';

export interface PcapngWriteOptions {
  /** Written as the section's shb_userappl. */
  application?: string;
  /** Written as the section's comment. */
  comment?: string;
}

/** Timestamps in microseconds (if_tsresol 6): what a chunk's time holds. */
const TIMESTAMP_RESOLUTION = 6;
const UNITS_PER_MILLISECOND = 10 ** (TIMESTAMP_RESOLUTION - 3);

/** The comment on a session's first packet, so Wireshark shows which session a stream is. */
export function sessionComment(session: CapturedSession): string {
  return `MQTT Scope session ${session.id}: ${session.label}`;
}

export function* pcapngBlocks(sessions: readonly CapturedSession[], options: PcapngWriteOptions = {}): Generator<Uint8Array> {
  yield sectionHeaderBlock(options.application ?? 'MQTT Scope', options.comment);
  yield interfaceDescriptionBlock(LINKTYPE_ETHERNET, MAX_CAPTURED_PACKET, TIMESTAMP_RESOLUTION);
  const streams = sessions.map((session, index) => sessionFrames(session, sessionEnds(session, index), sessionComment(session)));
  for (const { time, frame, comment } of mergeByTime(streams)) {
    yield enhancedPacketBlock(0, Math.max(0, Math.round(time * UNITS_PER_MILLISECOND)), frame, comment);
  }
}

/** The whole file as its blocks, in order; concatenated they are the file. */
export function writePcapng(sessions: readonly CapturedSession[], options: PcapngWriteOptions = {}): Uint8Array[] {
  return [...pcapngBlocks(sessions, options)];
}
