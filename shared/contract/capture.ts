// The contract's requests about capturing from a network interface: which interfaces there are,
// start and stop a capture, and where it stands (also pushed as `capture.status`).
import { z } from 'zod';
import type { CaptureStatus, CaptureInterfaceInfo } from '../model/live-capture';
import { MAX_CAPTURE_FILTER_CHARS, MAX_INTERFACE_NAME_CHARS } from '../limits';

export const captureRequests = {
  'capture.interfaces': z.object({}).strict(),
  'capture.start': z.object({
    interface: z.string().trim().min(1, 'Choose an interface').max(MAX_INTERFACE_NAME_CHARS),
    /** A capture filter (BPF), as tcpdump and Wireshark write them. */
    filter: z.string().trim().min(1, 'Write a capture filter').max(MAX_CAPTURE_FILTER_CHARS),
  }).strict(),
  'capture.stop': z.object({}).strict(),
  'capture.status': z.object({}).strict(),
} as const;

export interface CaptureResults {
  /** The interfaces dumpcap can capture on, and the filter a capture starts with. */
  'capture.interfaces': { interfaces: CaptureInterfaceInfo[]; defaultFilter: string; defaultInterface?: string };
  'capture.start': CaptureStatus;
  'capture.stop': { stopped: boolean; status?: CaptureStatus };
  /** The capture running, or the last one's end; none before the first. */
  'capture.status': { status?: CaptureStatus };
}
