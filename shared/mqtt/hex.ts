// Bytes as hex and back: made only where a person or a file reads bytes (the UI's entry request,
// `--json`, exports, a field's shown value), never on the way from the socket to the store.

const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** Under Node, Buffer's own hex writer; found without importing Node (see utf8.ts). */
const nodeHexSlice = (globalThis as { Buffer?: { prototype?: { hexSlice?: (this: Uint8Array, start: number, end: number) => string } } }).Buffer
  ?.prototype?.hexSlice;

export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  if (nodeHexSlice && end - start > 16) return nodeHexSlice.call(bytes, start, end);
  let hex = '';
  for (let i = start; i < end; i++) hex += HEX_PAIRS[bytes[i]];
  return hex;
}

/** Parses lowercase or uppercase hex, ignoring whitespace; undefined when it is not hex. */
export function fromHex(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) return undefined;
  const bytes = new Uint8Array(clean.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}
