// A bounds-checked reader over one packet. It never throws: a read past the end records one
// problem and returns undefined, so decoders keep everything they could read.
import { VBI_MAX_BYTES } from '../limits';
import { Field, fieldKind, fromHex, type Describe, type FieldKind, type Problem } from './field';
import { checkText, checkUtf8, TEXT_NOT_ASCII, UTF8_HAS_NULL, UTF8_INVALID, UTF8_VALID, UTF8_VERDICT, textUpToNul } from './utf8';
import { readVariableByteInteger, VBI_INCOMPLETE, VBI_MALFORMED, vbiIsPadded, vbiSize, vbiValue } from './variable-byte-integer';

const NO_PROBLEMS: Problem[] = Object.freeze([]) as unknown as Problem[];

export class PacketReader {
  offset: number;
  /** Whether a truncation was reported (once for the packet, once for each block entered). */
  private truncated = false;
  private outerTruncated = false;
  /** Made on the first problem: most packets have none. */
  private problemList: Problem[] | undefined = undefined;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    public end: number,
  ) {
    this.offset = start;
  }

  get problems(): Problem[] {
    return this.problemList ?? NO_PROBLEMS;
  }

  /**
   * Reads only up to `end` (a length-prefixed block inside the packet) until `leave` is given
   * what this returns. Inside, a truncation is reported once more, for the block.
   */
  enter(end: number): number {
    const outer = this.end;
    if (end < outer) this.end = end;
    this.outerTruncated = this.truncated;
    this.truncated = false;
    return outer;
  }

  leave(outerEnd: number): void {
    this.end = outerEnd;
    this.truncated = this.outerTruncated;
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  problem(offset: number, length: number, message: string, clause?: string): void {
    (this.problemList ??= []).push(clause ? { offset, length, message, clause } : { offset, length, message });
  }

  /** Checks that `length` more bytes are there for `what`, or records the truncation once. */
  take(length: number, what: string): boolean {
    if (this.end - this.offset >= length) return true;
    if (!this.truncated) {
      this.truncated = true;
      this.problem(this.offset, this.remaining, `Packet ends before ${what} (needs ${length} bytes, ${this.remaining} left)`, 'MQTT-1.2');
    }
    this.offset = this.end;
    return false;
  }

  u8(what: string): number | undefined {
    if (this.offset < this.end) return this.bytes[this.offset++];
    this.take(1, what);
    return undefined;
  }

  u16(what: string): number | undefined {
    const o = this.offset;
    if (o + 2 <= this.end) {
      this.offset = o + 2;
      return (this.bytes[o] << 8) | this.bytes[o + 1];
    }
    this.take(2, what);
    return undefined;
  }

  /** The two-byte length before the text or binary data called `name`. */
  private lengthOf(name: string): number | undefined {
    const o = this.offset;
    if (o + 2 <= this.end) {
      this.offset = o + 2;
      return (this.bytes[o] << 8) | this.bytes[o + 1];
    }
    // The words are made only when the packet ends here.
    this.take(2, `the length of ${name}`);
    return undefined;
  }

  u32(what: string): number | undefined {
    const o = this.offset;
    if (o + 4 > this.end) {
      this.take(4, what);
      return undefined;
    }
    const b = this.bytes;
    this.offset = o + 4;
    return b[o] * 0x1000000 + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);
  }

  /**
   * A two-byte length followed by UTF-8 text (v3.1.1 1.5.3, v5 1.5.4): pushes the length's field
   * and the text's onto `into` and returns the text's, or pushes nothing when the packet ends
   * first. With `binaryAllowed` (the password, binary data in the specification) bytes that are
   * not UTF-8 are shown as hex without a problem.
   */
  utf8String(into: Field[], kinds: PrefixedKinds, binaryAllowed = false): Field | undefined {
    const field = this.prefixedText(kinds, binaryAllowed);
    if (field) into.push(lengthField(kinds, field), field);
    return field;
  }

  /** As utf8String, the text's field alone; its length field is `lengthField(kinds, text)`. */
  prefixedText(kinds: PrefixedKinds, binaryAllowed = false): Field | undefined {
    const name = kinds.text.name;
    const length = this.lengthOf(name);
    if (length === undefined) return undefined;
    const start = this.offset;
    if (!this.take(length, name)) return undefined;
    this.offset = start + length;
    return this.textField(kinds.text, start, length, binaryAllowed);
  }

  /**
   * A field for bytes already claimed that should hold UTF-8 text: a problem when they do not
   * (then the value is their hex), or when they hold U+0000. `verdict` is checkText's, when the
   * caller has it.
   */
  textField(kind: FieldKind, start: number, length: number, binaryAllowed = false, verdict = checkText(this.bytes, start, start + length)): Field {
    const utf8 = verdict & UTF8_VERDICT;
    const ascii = (verdict & TEXT_NOT_ASCII) === 0;
    if (utf8 === UTF8_VALID) return Field.text(kind, this.bytes, start, length, ascii);
    if (utf8 === UTF8_INVALID) {
      if (!binaryAllowed) this.problem(start, length, `${kind.name} is not valid UTF-8`, 'MQTT-1.5.3-1');
      return Field.hex(kind, this.bytes, start, length);
    }
    if (utf8 === UTF8_HAS_NULL && !binaryAllowed) this.problem(start, length, `${kind.name} contains U+0000`, 'MQTT-1.5.3-2');
    return Field.text(kind, this.bytes, start, length, ascii);
  }

  /**
   * A Variable Byte Integer (v3.1.1 2.2.3, v5 1.5.5): at most four bytes, minimally encoded.
   * Returns the value (its size is the distance the offset moved); problems for a length that
   * runs past four bytes or takes more bytes than it needs.
   */
  varint(what: string): number | undefined {
    const start = this.offset;
    const read = readVariableByteInteger(this.bytes, start, this.end);
    if (read === VBI_INCOMPLETE) {
      this.offset = this.end;
      this.take(1, what);
      return undefined;
    }
    if (read === VBI_MALFORMED) {
      this.offset = start + VBI_MAX_BYTES;
      this.problem(start, VBI_MAX_BYTES, `${what} continues past four bytes`, 'MQTT-1.5.5-1');
      return undefined;
    }
    this.offset = start + vbiSize(read);
    if (vbiIsPadded(read)) this.problem(start, vbiSize(read), `${what} is not encoded in the fewest bytes`, 'MQTT-1.5.5-1');
    return vbiValue(read);
  }

  /**
   * A two-byte length followed by binary data: the data's field (its length field is
   * `lengthField(kinds, data)`), whose value is the bytes as hex, every one of them. Its words
   * come from `kinds` (see prefixedBinaryKinds).
   */
  prefixedBinary(kinds: PrefixedKinds): Field | undefined {
    const name = kinds.text.name;
    const length = this.lengthOf(name);
    if (length === undefined) return undefined;
    const start = this.offset;
    if (!this.take(length, name)) return undefined;
    this.offset = start + length;
    return Field.hex(kinds.text, this.bytes, start, length);
  }
}

/** The kinds of a length-prefixed string's two fields (or binary data's), made once for each string a decoder reads. */
export interface PrefixedKinds {
  readonly length: FieldKind;
  readonly text: FieldKind;
}

export function prefixedKinds(lengthKey: string, key: string, name: string, describe?: string | Describe): PrefixedKinds {
  return { length: fieldKind(lengthKey, `${name} Length`), text: fieldKind(key, name, describe) };
}

/** As prefixedKinds for binary data: its words are the text Wireshark shows for it. */
export function prefixedBinaryKinds(lengthKey: string, key: string, name: string): PrefixedKinds {
  return { length: fieldKind(lengthKey, `${name} Length`), text: fieldKind(key, name, describeBinary) };
}

/** The field of the two-byte length before a string's or binary data's field. */
export function lengthField(kinds: PrefixedKinds, field: Field): Field {
  return new Field(kinds.length, field.length, field.offset - 2, 2);
}

/**
 * Binary data in words, as Wireshark shows it: its bytes (read back from the value's hex) as
 * UTF-8 up to the first NUL, adding the hex when that text does not show every byte plainly.
 */
function describeBinary(field: Field): string {
  const length = field.length;
  if (length === 0) return '(0 bytes)';
  const hex = field.value as string;
  const bytes = fromHex(hex)!;
  const text = textUpToNul(bytes, 0, length);
  if (checkUtf8(bytes, 0, length) === UTF8_VALID && !CONTROL_CHARACTER.test(text)) return text;
  return `${escapeControls(text)} (${length} bytes: ${hex})`;
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/** Control characters written as Wireshark writes them in a string (`\001`). */
function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`);
}
