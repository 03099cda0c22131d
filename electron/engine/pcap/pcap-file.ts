// Reads the frames of a classic pcap file: either byte order, microsecond or nanosecond
// timestamps. Stops at the first record it cannot trust and says where.
import type { CaptureProblems } from './capture-problems';
import type { FrameSink } from './captured-frame';
import { PCAP_FILE_HEADER_LENGTH, PCAP_MAGIC, PCAP_RECORD_HEADER_LENGTH } from './file-formats';
import { MAX_CAPTURED_PACKET } from '../limits';

/** The link type is the low 16 bits; the bits above say whether frames end with an FCS. */
const LINK_TYPE_MASK = 0xffff;

export function isPcap(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, 4);
  const magics: number[] = Object.values(PCAP_MAGIC);
  return magics.includes(view.getUint32(0, true)) || magics.includes(view.getUint32(0, false));
}

export function readPcapFrames(bytes: Uint8Array, onFrame: FrameSink, problems: CaptureProblems): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < PCAP_FILE_HEADER_LENGTH) {
    problems.add(0, `The pcap file header needs ${PCAP_FILE_HEADER_LENGTH} bytes; the file ends at ${bytes.length}`);
    return;
  }
  const magicLittle = view.getUint32(0, true);
  const little = magicLittle === PCAP_MAGIC.microseconds || magicLittle === PCAP_MAGIC.nanoseconds;
  const magic = view.getUint32(0, little);
  const fractionPerMillisecond = magic === PCAP_MAGIC.nanoseconds ? 1_000_000 : 1_000;
  const linkType = view.getUint32(20, little) & LINK_TYPE_MASK;

  for (let offset = PCAP_FILE_HEADER_LENGTH; offset < bytes.length; ) {
    if (bytes.length - offset < PCAP_RECORD_HEADER_LENGTH) {
      problems.add(offset, `pcap record header at byte ${offset} needs ${PCAP_RECORD_HEADER_LENGTH} bytes; the file ends at ${bytes.length}`);
      return;
    }
    const seconds = view.getUint32(offset, little);
    const fraction = view.getUint32(offset + 4, little);
    const capturedLength = view.getUint32(offset + 8, little);
    const originalLength = view.getUint32(offset + 12, little);
    const dataStart = offset + PCAP_RECORD_HEADER_LENGTH;
    if (capturedLength > MAX_CAPTURED_PACKET) {
      problems.add(offset, `pcap record at byte ${offset} claims ${capturedLength} bytes, more than the ${MAX_CAPTURED_PACKET} a captured packet can hold: the file is broken here`);
      return;
    }
    if (dataStart + capturedLength > bytes.length) {
      problems.add(offset, `pcap record at byte ${offset} claims ${capturedLength} bytes; the file ends at ${bytes.length}`);
      return;
    }
    onFrame({
      offset: dataStart,
      time: seconds * 1000 + fraction / fractionPerMillisecond,
      linkType,
      data: bytes.subarray(dataStart, dataStart + capturedLength),
      originalLength: Math.max(originalLength, capturedLength),
    });
    offset = dataStart + capturedLength;
  }
}
