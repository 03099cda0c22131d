// A capture from a network interface as the UI and the command line see it: where it captures,
// what it has seen so far, and how it ended.

export interface CaptureInterfaceInfo {
  name: string;
  description?: string;
}

export interface CaptureStatus {
  running: boolean;
  interface: string;
  filter: string;
  /** Epoch milliseconds. */
  startedAt: number;
  /** Frames read and their bytes on the wire. */
  packets: number;
  bytes: number;
  /** MQTT connections found: each is a session. */
  connections: number;
  /** Packets dropped by the interface or the operating system, once dumpcap has said (at the end). */
  dropped?: number;
  /** Why the capture ended when nobody stopped it, in words. */
  error?: string;
}
