// Reads the frames of a pcapng file: sections in either byte order, any number of interfaces
// with their own link type and timestamp resolution, Enhanced, Simple and (obsolete) Packet
// Blocks. Other blocks are skipped. Stops at the first block whose framing it cannot trust.
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
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let section: Section | undefined;
  /** Simple Packet Blocks carry no time: they take the last one seen. */
  let lastTime = 0;
  let untimedReported = false;

  for (let offset = 0; offset < bytes.length; ) {
    if (bytes.length - offset < MIN_BLOCK_LENGTH) {
      problems.add(offset, `pcapng block at byte ${offset} needs at least ${MIN_BLOCK_LENGTH} bytes; the file ends at ${bytes.length}`);
      return;
    }
    const isSectionHeader = view.getUint32(offset) === PCAPNG_BLOCK_TYPES.sectionHeader;
    if (isSectionHeader) {
      const byteOrder = view.getUint32(offset + 8, true);
      if (byteOrder !== PCAPNG_BYTE_ORDER_MAGIC && view.getUint32(offset + 8, false) !== PCAPNG_BYTE_ORDER_MAGIC) {
        problems.add(offset, `pcapng section header at byte ${offset} has no byte-order magic: the file is broken here`);
        return;
      }
      section = { little: byteOrder === PCAPNG_BYTE_ORDER_MAGIC, interfaces: [] };
    } else if (!section) {
      problems.add(offset, 'A pcapng file starts with a section header block; this one does not');
      return;
    }
    const little = section.little;
    const type = view.getUint32(offset, little);
    const length = view.getUint32(offset + 4, little);
    if (length < MIN_BLOCK_LENGTH || length % 4 !== 0) {
      problems.add(offset, `pcapng block at byte ${offset} has a length of ${length}, which no block can have: the file is broken here`);
      return;
    }
    if (length > bytes.length - offset) {
      problems.add(offset, `pcapng block at byte ${offset} claims ${length} bytes; the file ends at ${bytes.length}`);
      return;
    }
    if (view.getUint32(offset + length - 4, little) !== length) {
      problems.add(offset, `pcapng block at byte ${offset} ends with a length that is not its own (${view.getUint32(offset + length - 4, little)}, not ${length}): the file is broken here`);
      return;
    }
    const body = offset + 8;
    const bodyEnd = offset + length - 4;
    const frame = (interfaceId: number, time: number | undefined, dataStart: number, capturedLength: number, originalLength: number) => {
      const described = section!.interfaces[interfaceId];
      if (!described) {
        problems.add(offset, `pcapng packet at byte ${offset} names interface ${interfaceId}, but its section describes ${section!.interfaces.length}`);
        return;
      }
      if (dataStart + capturedLength > bodyEnd) {
        problems.add(offset, `pcapng packet at byte ${offset} claims ${capturedLength} captured bytes; its block holds ${Math.max(0, bodyEnd - dataStart)}`);
        return;
      }
      if (time === undefined && !untimedReported) {
        untimedReported = true;
        problems.add(offset, 'Simple packet blocks carry no timestamp: each is given the time of the packet before it');
      }
      lastTime = time ?? lastTime;
      onFrame({ offset: dataStart, time: lastTime, linkType: described.linkType, data: bytes.subarray(dataStart, dataStart + capturedLength), originalLength: Math.max(originalLength, capturedLength) });
    };
    const timeOn = (interfaceId: number, at: number) => {
      const described = section!.interfaces[interfaceId];
      return described ? timestamp(view.getUint32(at, little), view.getUint32(at + 4, little), described) : undefined;
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
    }
    offset += length;
  }
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
