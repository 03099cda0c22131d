// A file a person opens, read by what it is: a saved trace, or (to come) pcap and pcapng.
import type { CapturedSession } from '@shared/model/capture';
import { readTraceFile } from './trace-file';
import { isTraceFile } from './trace-format';

export function readCaptureFile(bytes: Uint8Array, name: string): { sessions: CapturedSession[]; problems: string[] } {
  if (isTraceFile(bytes)) {
    const { sessions, problems } = readTraceFile(bytes);
    return { sessions, problems: problems.map((problem) => `${name}: ${problem.message}`) };
  }
  return { sessions: [], problems: [`${name} is not a file this app reads (a saved MQTT Scope trace)`] };
}
