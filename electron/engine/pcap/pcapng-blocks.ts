// Builds the three pcapng blocks the writer needs, little-endian: a Section Header Block, an
// Interface Description Block and Enhanced Packet Blocks, each with its options.
import { PCAPNG_BLOCK_TYPES, PCAPNG_BYTE_ORDER_MAGIC, PCAPNG_OPTIONS } from './file-formats';

interface BlockOption {
  code: number;
  value: Uint8Array;
}

const padded = (length: number) => (length + 3) & ~3;
const utf8 = (text: string) => new TextEncoder().encode(text);

/** The options area: each option padded to 4 bytes, then the end-of-options marker. */
function optionsLength(options: readonly BlockOption[]): number {
  return options.length === 0 ? 0 : options.reduce((sum, option) => sum + 4 + padded(option.value.length), 4);
}

/** A block: type, total length, the body, its options, total length again. */
function block(type: number, body: Uint8Array, options: readonly BlockOption[], bodyTail?: Uint8Array): Uint8Array {
  const tailLength = bodyTail ? padded(bodyTail.length) : 0;
  const total = 12 + body.length + tailLength + optionsLength(options);
  const bytes = new Uint8Array(total);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, type, true);
  view.setUint32(4, total, true);
  bytes.set(body, 8);
  let at = 8 + body.length;
  if (bodyTail) bytes.set(bodyTail, at);
  at += tailLength;
  for (const option of options) {
    view.setUint16(at, option.code, true);
    view.setUint16(at + 2, option.value.length, true);
    bytes.set(option.value, at + 4);
    at += 4 + padded(option.value.length);
  }
  // The end-of-options marker is four zero bytes, already there.
  view.setUint32(total - 4, total, true);
  return bytes;
}

export function sectionHeaderBlock(application: string, comment?: string): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint32(0, PCAPNG_BYTE_ORDER_MAGIC, true);
  view.setUint16(4, 1, true);
  view.setUint16(6, 0, true);
  // Section length unknown (-1): the writer streams.
  view.setBigInt64(8, -1n, true);
  const options: BlockOption[] = [{ code: PCAPNG_OPTIONS.userApplication, value: utf8(application) }];
  if (comment) options.unshift({ code: PCAPNG_OPTIONS.comment, value: utf8(comment) });
  return block(PCAPNG_BLOCK_TYPES.sectionHeader, body, options);
}

export function interfaceDescriptionBlock(linkType: number, snapLength: number, timestampResolution: number): Uint8Array {
  const body = new Uint8Array(8);
  const view = new DataView(body.buffer);
  view.setUint16(0, linkType, true);
  view.setUint32(4, snapLength, true);
  return block(PCAPNG_BLOCK_TYPES.interfaceDescription, body, [{ code: PCAPNG_OPTIONS.timestampResolution, value: Uint8Array.of(timestampResolution) }]);
}

/** `timestamp` in the interface's units since the epoch (a whole number). */
export function enhancedPacketBlock(interfaceId: number, timestamp: number, data: Uint8Array, comment?: string): Uint8Array {
  const body = new Uint8Array(20);
  const view = new DataView(body.buffer);
  view.setUint32(0, interfaceId, true);
  view.setUint32(4, Math.floor(timestamp / 2 ** 32), true);
  view.setUint32(8, timestamp % 2 ** 32, true);
  view.setUint32(12, data.length, true);
  view.setUint32(16, data.length, true);
  return block(PCAPNG_BLOCK_TYPES.enhancedPacket, body, comment ? [{ code: PCAPNG_OPTIONS.comment, value: utf8(comment) }] : [], data);
}
