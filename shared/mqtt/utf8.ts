// Text from bytes without copying where it can: ASCII is read directly (most topics and ids),
// anything else goes through a strict decoder. Undefined means "not valid UTF-8".
const strict = new TextDecoder('utf-8', { fatal: true });
const CHUNK = 4096;

export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string | undefined {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i] > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    if (end - start <= CHUNK) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
    let text = '';
    for (let i = start; i < end; i += CHUNK) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(i + CHUNK, end)) as unknown as number[]);
    }
    return text;
  }
  try {
    return strict.decode(bytes.subarray(start, end));
  } catch {
    return undefined;
  }
}

/** The one code point the specification forbids in every UTF-8 string [MQTT-1.5.3-2]. */
export function hasNullCharacter(text: string): boolean {
  return text.indexOf('\u0000') !== -1;
}
