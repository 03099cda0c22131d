// Reads a pcap or pcapng file into the MQTT sessions it holds: frames from the file, IP and TCP
// from the frames, streams reassembled, MQTT streams kept. Never throws: what cannot be read is
// a problem at its byte offset, and every session up to it is kept.
import type { CapturedSession } from '@shared/model/capture';
import { readCaptureFrames } from './capture-file';
import { CaptureProblems, type CaptureProblem } from './capture-problems';
import type { CapturedFrame } from './captured-frame';
import { readIpPacket } from './ip-packet';
import { ipPacketIn } from './link-layer';
import { mqttSessions, type MqttSessionOptions } from './mqtt-sessions';
import { IP_PROTOCOL_TCP } from './tcp-ip';
import { readTcpHeader } from './tcp-segment';
import { TcpStreams, type TcpSegmentInput } from './tcp-streams';

export type { CaptureProblem };
export type ReadCaptureOptions = MqttSessionOptions;

export interface CaptureReading {
  sessions: CapturedSession[];
  problems: CaptureProblem[];
}

/** Reads frames down to their TCP segments; what cannot be read is a problem at its offset. */
export class FrameReader {
  private readonly unknownLinkTypes = new Set<number>();

  constructor(private readonly problems: CaptureProblems) {}

  /** The frame's TCP segment, or undefined for a frame that holds none (or none that can be read). */
  tcpSegment(frame: CapturedFrame): TcpSegmentInput | undefined {
    const problems = this.problems;
    const link = ipPacketIn(frame.linkType, frame.data);
    if (link.kind === 'unknown-link-type') {
      if (!this.unknownLinkTypes.has(frame.linkType)) problems.add(frame.offset, `Link type ${frame.linkType} is not one this reader knows; its packets are skipped`);
      this.unknownLinkTypes.add(frame.linkType);
      return undefined;
    }
    if (link.kind !== 'ip') return undefined;
    const ip = readIpPacket(frame.data, link.start, link.version);
    if (ip.kind === 'problem') {
      problems.add(frame.offset, `Frame at byte ${frame.offset}: ${ip.message}`);
      return undefined;
    }
    const { packet } = ip;
    if (packet.protocol !== IP_PROTOCOL_TCP) return undefined;
    const tcp = readTcpHeader(frame.data, packet.payloadStart, packet.payloadEnd);
    if (!tcp) {
      problems.add(frame.offset, `Frame at byte ${frame.offset}: TCP header cut short`);
      return undefined;
    }
    if (packet.missing > 0) problems.add(frame.offset, `Frame at byte ${frame.offset} was captured cut short: ${packet.missing} bytes of its TCP payload are missing`);
    return {
      source: { address: packet.source, port: tcp.sourcePort },
      destination: { address: packet.destination, port: tcp.destinationPort },
      seq: tcp.seq,
      flags: tcp.flags,
      payload: frame.data.subarray(tcp.payloadStart, packet.payloadEnd),
      time: frame.time,
      offset: frame.offset,
    };
  }
}

export function readCapture(bytes: Uint8Array, options: ReadCaptureOptions = {}): CaptureReading {
  const problems = new CaptureProblems();
  const streams = new TcpStreams(problems);
  const frames = new FrameReader(problems);
  const onFrame = (frame: CapturedFrame) => {
    const segment = frames.tcpSegment(frame);
    if (segment) streams.accept(segment);
  };
  try {
    readCaptureFrames(bytes, onFrame, problems);
  } catch (error) {
    // A bug here must not lose the sessions read so far; it is reported like a broken file.
    problems.add(0, `The file could not be read to its end: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { sessions: mqttSessions(streams.finish(), options), problems: problems.list() };
}
