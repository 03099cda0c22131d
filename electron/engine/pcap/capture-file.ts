// Reads the frames of a capture file, pcap or pcapng, told apart by their first bytes.
import type { CaptureProblems } from './capture-problems';
import type { FrameSink } from './captured-frame';
import { isPcap, readPcapFrames } from './pcap-file';
import { isPcapng, readPcapngFrames } from './pcapng-file';

export function readCaptureFrames(bytes: Uint8Array, onFrame: FrameSink, problems: CaptureProblems): void {
  if (isPcapng(bytes)) readPcapngFrames(bytes, onFrame, problems);
  else if (isPcap(bytes)) readPcapFrames(bytes, onFrame, problems);
  else {
    const start = Array.from(bytes.subarray(0, 4), (byte) => byte.toString(16).padStart(2, '0')).join(' ');
    problems.add(0, bytes.length === 0 ? 'The file is empty' : `Not a pcap or pcapng file: it starts with ${start}`);
  }
}
