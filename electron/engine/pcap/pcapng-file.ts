// Reads the frames of a pcapng file: sections in either byte order, any number of interfaces
// with their own link type and timestamp resolution, Enhanced, Simple and (obsolete) Packet
// Blocks, and the drop counts of Interface Statistics Blocks. Other blocks are skipped. Stops at
// the first block whose framing it cannot trust.
import type { CaptureProblems } from './capture-problems';
import type { FrameSink } from './captured-frame';
import { DEFAULT_TIMESTAMP_RESOLUTION, PCAPNG_BLOCK_TYPES, PCAPNG_BYTE_ORDER_MAGIC, PCAPNG_OPTIONS } from './file-formats';

interface Interface {
  linkType: number;
  snapLength: number;
  /** Timestamp units per second. */
  unitsPerSecond: bigint;
  offsetSeconds: number;
}

interface Section {
  little: boolean;
  interfaces: Interface[];
}

/** Type, total length … total length: the smallest block there is. */
const MIN_BLOCK_LENGTH = 12;
const MICROSECONDS = 1_000_000n;

export function isPcapng(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) === PCAPNG_BLOCK_TYPES.sectionHeader;
}

export function readPcapngFrames(bytes: Uint8Array, onFrame: FrameSink, problems: CaptureProblems): void {
  const reader = new PcapngReader(onFrame, problems);
  reader.push(bytes);
  reader.end();
}

/** What an Interface Statistics Block says: packets the interface or the capture dropped. */
export interface InterfaceStatistics {
  interfaceId: number;
  /** Packets the interface dropped (isb_ifdrop), and the capture's own drops (isb_osdrop), when said. */
  interfaceDropped?: number;
  captureDropped?: number;
}

/**
 * Reads pcapng blocks as their bytes come (a file at once, or a capture's pipe in pieces): each
 * whole block is read when its last byte arrives. A block whose framing cannot be trusted ends
 * the reading at its offset (`broken`); nothing after it is read.
 */
export class PcapngReader {
  private section: Section | undefined;
  /** Simple Packet Blocks carry no time: they take the last one seen. */
  private lastTime = 0;
  private untimedReported = false;
  /** Bytes of a block whose end has not come yet, and the stream offset of its first byte. */
  private pending: Uint8Array = new Uint8Array(0);
  private pendingOffset = 0;
  private isBroken = false;

  constructor(
    private readonly onFrame: FrameSink,
    private readonly problems: CaptureProblems,
    private readonly onStatistics: (statistics: InterfaceStatistics) => void = () => {},
    /** The largest block read; a longer one is taken as broken framing. */
    private readonly maxBlockLength = Number.MAX_SAFE_INTEGER,
  ) {}

  get broken(): boolean {
    return this.isBroken;
  }

  /** The next bytes. Frames are views of them (or of a copy joining a block split across pieces). */
  push(chunk: Uint8Array): void {
    if (this.isBroken || chunk.length === 0) return;
    // Never changed in place: views handed out stay valid.
    let bytes = chunk;
    if (this.pending.length > 0) {
      bytes = new Uint8Array(this.pending.length + chunk.length);
      bytes.set(this.pending);
      bytes.set(chunk, this.pending.length);
    }
    const base = this.pendingOffset;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    while (!this.isBroken && bytes.length - at >= MIN_BLOCK_LENGTH) {
      const length = this.blockLength(view, at, base + at);
      if (length === undefined || length > bytes.length - at) break;
      this.readBlock(bytes, view, at, length, base + at);
      at += length;
    }
    this.pending = bytes.subarray(at);
    this.pendingOffset = base + at;
  }

  /** The bytes have ended: a block cut short is said. */
  end(): void {
    if (this.isBroken || this.pending.length === 0) return;
    const view = new DataView(this.pending.buffer, this.pending.byteOffset, this.pending.byteLength);
    const offset = this.pendingOffset;
    const end = offset + this.pending.length;
    if (this.pending.length < MIN_BLOCK_LENGTH) this.problems.add(offset, `pcapng block at byte ${offset} needs at least ${MIN_BLOCK_LENGTH} bytes; the file ends at ${end}`);
    else {
      const length = this.blockLength(view, 0, offset);
      if (length !== undefined) this.problems.add(offset, `pcapng block at byte ${offset} claims ${length} bytes; the file ends at ${end}`);
    }
    this.isBroken = true;
  }

  private fail(offset: number, message: string): undefined {
    this.problems.add(offset, message);
    this.isBroken = true;
    return undefined;
  }

  /** The length the block at `at` says it has, once its header is trusted; undefined when broken. */
  private blockLength(view: DataView, at: number, offset: number): number | undefined {
    if (view.getUint32(at) === PCAPNG_BLOCK_TYPES.sectionHeader) {
      const byteOrder = view.getUint32(at + 8, true);
      if (byteOrder !== PCAPNG_BYTE_ORDER_MAGIC && view.getUint32(at + 8, false) !== PCAPNG_BYTE_ORDER_MAGIC) return this.fail(offset, `pcapng section header at byte ${offset} has no byte-order magic: the file is broken here`);
      const length = view.getUint32(at + 4, byteOrder === PCAPNG_BYTE_ORDER_MAGIC);
      return this.checkedLength(length, offset);
    }
    if (!this.section) return this.fail(offset, 'A pcapng file starts with a section header block; this one does not');
    return this.checkedLength(view.getUint32(at + 4, this.section.little), offset);
  }

  private checkedLength(length: number, offset: number): number | undefined {
    if (length < MIN_BLOCK_LENGTH || length % 4 !== 0) return this.fail(offset, `pcapng block at byte ${offset} has a length of ${length}, which no block can have: the file is broken here`);
    if (length > this.maxBlockLength) return this.fail(offset, `pcapng block at byte ${offset} claims ${length} bytes, more than a block read here may have (${this.maxBlockLength})`);
    return length;
  }

  private readBlock(bytes: Uint8Array, view: DataView, at: number, length: number, offset: number): void {
    if (view.getUint32(at) === PCAPNG_BLOCK_TYPES.sectionHeader) this.section = { little: view.getUint32(at + 8, true) === PCAPNG_BYTE_ORDER_MAGIC, interfaces: [] };
    const section = this.section!;
    const little = section.little;
    if (view.getUint32(at + length - 4, little) !== length) {
      this.fail(offset, `pcapng block at byte ${offset} ends with a length that is not its own (${view.getUint32(at + length - 4, little)}, not ${length}): the file is broken here`);
      return;
    }
    const type = view.getUint32(at, little);
    const body = at + 8;
    const bodyEnd = at + length - 4;
    const frame = (interfaceId: number, time: number | undefined, dataStart: number, capturedLength: number, originalLength: number) => {
      const described = section.interfaces[interfaceId];
      if (!described) {
        this.problems.add(offset, `pcapng packet at byte ${offset} names interface ${interfaceId}, but its section describes ${section.interfaces.length}`);
        return;
      }
      if (dataStart + capturedLength > bodyEnd) {
        this.problems.add(offset, `pcapng packet at byte ${offset} claims ${capturedLength} captured bytes; its block holds ${Math.max(0, bodyEnd - dataStart)}`);
        return;
      }
      if (time === undefined && !this.untimedReported) {
        this.untimedReported = true;
        this.problems.add(offset, 'Simple packet blocks carry no timestamp: each is given the time of the packet before it');
      }
      this.lastTime = time ?? this.lastTime;
      this.onFrame({ offset: offset + (dataStart - at), time: this.lastTime, linkType: described.linkType, data: bytes.subarray(dataStart, dataStart + capturedLength), originalLength: Math.max(originalLength, capturedLength) });
    };
    const timeOn = (interfaceId: number, where: number) => {
      const described = section.interfaces[interfaceId];
      return described ? timestamp(view.getUint32(where, little), view.getUint32(where + 4, little), described) : undefined;
    };

    if (type === PCAPNG_BLOCK_TYPES.interfaceDescription && bodyEnd - body >= 8) {
      section.interfaces.push(describeInterface(view, body, bodyEnd, little));
    } else if (type === PCAPNG_BLOCK_TYPES.enhancedPacket && bodyEnd - body >= 20) {
      const interfaceId = view.getUint32(body, little);
      frame(interfaceId, timeOn(interfaceId, body + 4), body + 20, view.getUint32(body + 12, little), view.getUint32(body + 16, little));
    } else if (type === PCAPNG_BLOCK_TYPES.packet && bodyEnd - body >= 20) {
      const interfaceId = view.getUint16(body, little);
      frame(interfaceId, timeOn(interfaceId, body + 4), body + 20, view.getUint32(body + 12, little), view.getUint32(body + 16, little));
    } else if (type === PCAPNG_BLOCK_TYPES.simplePacket && bodyEnd - body >= 4) {
      const originalLength = view.getUint32(body, little);
      const snapLength = section.interfaces[0]?.snapLength || Infinity;
      frame(0, undefined, body + 4, Math.min(originalLength, snapLength, bodyEnd - body - 4), originalLength);
    } else if (type === PCAPNG_BLOCK_TYPES.interfaceStatistics && bodyEnd - body >= 12) {
      this.onStatistics(readStatistics(view, body, bodyEnd, little));
    }
  }
}

/** An Interface Statistics Block's drop counters (the rest it may say is not read). */
function readStatistics(view: DataView, body: number, bodyEnd: number, little: boolean): InterfaceStatistics {
  const statistics: InterfaceStatistics = { interfaceId: view.getUint32(body, little) };
  for (let at = body + 12; at + 4 <= bodyEnd; ) {
    const code = view.getUint16(at, little);
    const length = view.getUint16(at + 2, little);
    const value = at + 4;
    if (code === PCAPNG_OPTIONS.endOfOptions || value + length > bodyEnd) break;
    if (length >= 8 && code === PCAPNG_OPTIONS.interfaceDropped) statistics.interfaceDropped = Number(view.getBigUint64(value, little));
    if (length >= 8 && code === PCAPNG_OPTIONS.captureDropped) statistics.captureDropped = Number(view.getBigUint64(value, little));
    at = value + ((length + 3) & ~3);
  }
  return statistics;
}

function describeInterface(view: DataView, body: number, bodyEnd: number, little: boolean): Interface {
  const described: Interface = { linkType: view.getUint16(body, little), snapLength: view.getUint32(body + 4, little), unitsPerSecond: 10n ** BigInt(DEFAULT_TIMESTAMP_RESOLUTION), offsetSeconds: 0 };
  for (let at = body + 8; at + 4 <= bodyEnd; ) {
    const code = view.getUint16(at, little);
    const length = view.getUint16(at + 2, little);
    const value = at + 4;
    if (code === PCAPNG_OPTIONS.endOfOptions || value + length > bodyEnd) break;
    if (code === PCAPNG_OPTIONS.timestampResolution && length >= 1) {
      const resolution = view.getUint8(value);
      described.unitsPerSecond = resolution & 0x80 ? 2n ** BigInt(resolution & 0x7f) : 10n ** BigInt(resolution);
    } else if (code === PCAPNG_OPTIONS.timestampOffset && length >= 8) {
      described.offsetSeconds = Number(view.getBigInt64(value, little));
    }
    at = value + ((length + 3) & ~3);
  }
  return described;
}

/** Epoch milliseconds from a 64-bit count of the interface's units, exact to the unit. */
function timestamp(high: number, low: number, described: Interface): number {
  const offset = described.offsetSeconds * 1000;
  if (described.unitsPerSecond === MICROSECONDS) return (high * 2 ** 32 + low) / 1000 + offset;
  const units = (BigInt(high) << 32n) | BigInt(low);
  const seconds = units / described.unitsPerSecond;
  const rest = units % described.unitsPerSecond;
  return Number(seconds) * 1000 + (Number(rest) * 1000) / Number(described.unitsPerSecond) + offset;
}
