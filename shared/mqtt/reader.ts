// A bounds-checked reader over one packet. It never throws: a read past the end records one
// problem and returns undefined, so decoders keep everything they could read.
import { Field, makeField, toHex, type Problem } from './field';
import { checkUtf8, UTF8_HAS_NULL, UTF8_INVALID, UTF8_VALID, textUpToNul } from './utf8';

const NO_PROBLEMS: Problem[] = Object.freeze([]) as unknown as Problem[];

export interface StringRead {
  lengthField: Field;
  field: Field;
}

export class PacketReader {
  offset: number;
  private truncated = false;

  constructor(
    readonly bytes: Uint8Array,
    start: number,
    public end: number,
    /** The reader of the whole packet, which keeps the problems, when this one reads a part. */
    private readonly root?: PacketReader,
  ) {
    this.offset = start;
  }

  /** Made on the first problem: most packets have none. */
  private problemList: Problem[] | undefined = undefined;

  get problems(): Problem[] {
    return this.root ? this.root.problems : (this.problemList ?? NO_PROBLEMS);
  }

  /** A reader over the same bytes that stops at `end` (a length-prefixed block inside the packet). */
  within(end: number): PacketReader {
    return new PacketReader(this.bytes, this.offset, Math.min(end, this.end), this.root ?? this);
  }

  get remaining(): number {
    return this.end - this.offset;
  }

  problem(offset: number, length: number, message: string, clause?: string): void {
    if (this.root) return this.root.problem(offset, length, message, clause);
    (this.problemList ??= []).push(clause ? { offset, length, message, clause } : { offset, length, message });
  }

  /** Checks that `length` more bytes are there for `what`, or records the truncation once. */
  take(length: number, what: string): boolean {
    if (this.remaining >= length) return true;
    if (!this.truncated) {
      this.truncated = true;
      this.problem(this.offset, this.remaining, `Packet ends before ${what} (needs ${length} bytes, ${this.remaining} left)`, 'MQTT-1.2');
    }
    this.offset = this.end;
    return false;
  }

  u8(what: string): number | undefined {
    if (!this.take(1, what)) return undefined;
    return this.bytes[this.offset++];
  }

  u16(what: string): number | undefined {
    if (!this.take(2, what)) return undefined;
    const value = (this.bytes[this.offset] << 8) | this.bytes[this.offset + 1];
    this.offset += 2;
    return value;
  }

  u32(what: string): number | undefined {
    if (!this.take(4, what)) return undefined;
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return b[o] * 0x1000000 + ((b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]);
  }

  rest(): Uint8Array {
    const out = this.bytes.subarray(this.offset, this.end);
    this.offset = this.end;
    return out;
  }

  /**
   * A two-byte length followed by UTF-8 text (v3.1.1 1.5.3, v5 1.5.4). With `binaryAllowed`
   * (the password, binary data in the specification) bytes that are not UTF-8 are shown as hex
   * without a problem.
   */
  utf8String(lengthKey: string, key: string, name: string, binaryAllowed = false): StringRead | undefined {
    const lengthOffset = this.offset;
    const length = this.u16(`the length of ${name}`);
    if (length === undefined) return undefined;
    const lengthField = makeField(lengthKey, `${name} Length`, length, lengthOffset, 2);
    const start = this.offset;
    if (!this.take(length, name)) return undefined;
    this.offset += length;
    return { lengthField, field: this.textField(key, name, start, length, binaryAllowed) };
  }

  /**
   * A field for bytes already claimed that should hold UTF-8 text: a problem when they do not
   * (then the value is their hex), or when they hold U+0000.
   */
  textField(key: string, name: string, start: number, length: number, binaryAllowed = false): Field {
    const verdict = checkUtf8(this.bytes, start, start + length);
    if (verdict === UTF8_INVALID) {
      if (!binaryAllowed) this.problem(start, length, `${name} is not valid UTF-8`, 'MQTT-1.5.3-1');
      return Field.hex(key, name, this.bytes, start, length);
    }
    if (verdict === UTF8_HAS_NULL && !binaryAllowed) this.problem(start, length, `${name} contains U+0000`, 'MQTT-1.5.3-2');
    return Field.text(key, name, this.bytes, start, length);
  }

  /**
   * A Variable Byte Integer (v3.1.1 2.2.3, v5 1.5.5): at most four bytes, minimally encoded.
   * Returns the value (its size is the distance the offset moved); problems for a fifth byte
   * or a longer form than needed.
   */
  varint(what: string): number | undefined {
    const start = this.offset;
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const byte = this.u8(what);
      if (byte === undefined) return undefined;
      value += (byte & 0x7f) * 128 ** i;
      if ((byte & 0x80) === 0) {
        if (i > 0 && byte === 0) this.problem(start, i + 1, `${what} is not encoded in the fewest bytes`, 'MQTT-1.5.5-1');
        return value;
      }
    }
    this.problem(start, 4, `${what} continues past four bytes`, 'MQTT-1.5.5-1');
    return undefined;
  }


  /**
   * A two-byte length followed by binary data. Its value is the bytes as hex, every one of them;
   * its words are the text Wireshark shows for it (the bytes as UTF-8 up to the first NUL), adding
   * the hex when that text does not show every byte plainly.
   */
  binary(lengthKey: string, key: string, name: string): { lengthField: Field; field: Field } | undefined {
    const lengthOffset = this.offset;
    const length = this.u16(`the length of ${name}`);
    if (length === undefined) return undefined;
    const lengthField = makeField(lengthKey, `${name} Length`, length, lengthOffset, 2);
    const start = this.offset;
    if (!this.take(length, name)) return undefined;
    this.offset += length;
    const bytes = this.bytes;
    const describe = () => {
      if (length === 0) return '(0 bytes)';
      const text = textUpToNul(bytes, start, start + length);
      if (checkUtf8(bytes, start, start + length) === UTF8_VALID && !CONTROL_CHARACTER.test(text)) return text;
      return `${escapeControls(text)} (${length} bytes: ${toHex(bytes, start, start + length)})`;
    };
    return { lengthField, field: Field.hex(key, name, bytes, start, length, describe) };
  }
}

const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/** Control characters written as Wireshark writes them in a string (`\001`). */
function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\${char.charCodeAt(0).toString(8).padStart(3, '0')}`);
}
