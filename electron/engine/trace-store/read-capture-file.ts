// A file a person opens, read by what it is: a saved trace, a pcap or a pcapng.
import type { CapturedSession } from '@shared/model/capture';
import { readCapture } from '../pcap';
import { isPcap } from '../pcap/pcap-file';
import { isPcapng } from '../pcap/pcapng-file';
import { readTraceFile } from './trace-file';
import { isTraceFile } from './trace-format';

export function readCaptureFile(bytes: Uint8Array, name: string, options: { port?: number } = {}): { sessions: CapturedSession[]; problems: string[] } {
  const read = isTraceFile(bytes) ? readTraceFile(bytes) : isPcap(bytes) || isPcapng(bytes) ? readCapture(bytes, options) : undefined;
  if (!read) return { sessions: [], problems: [`${name} is not a file this app reads (a saved MQTT Scope trace, pcap or pcapng)`] };
  return { sessions: read.sessions, problems: read.problems.map((problem) => `${name}: ${problem.message}`) };
}
