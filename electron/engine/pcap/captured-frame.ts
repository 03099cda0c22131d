// One packet as a capture file holds it, whatever the file's format: what the container
// readers (pcap, pcapng) hand to the link, IP and TCP layers.
export interface CapturedFrame {
  /** Byte offset of the frame's first byte in the file: where problems with it are reported. */
  offset: number;
  /** Epoch milliseconds. */
  time: number;
  linkType: number;
  /** A view into the file's bytes, as much of the packet as was captured. */
  data: Uint8Array;
  /** The packet's length on the wire (more than `data` when the capture cut it short). */
  originalLength: number;
}

export type FrameSink = (frame: CapturedFrame) => void;
