// The shape every decoder returns: a tree of fields that each know their bytes, plus problems.
// Labels, and the text and hex of byte ranges, are made only when read: a packet list that
// never opens a packet never pays for them.
import { toHex } from './hex';
import { decodeUtf8Unchecked } from './utf8';

export { fromHex, toHex } from './hex';

export type FieldValue = number | boolean | string;

/** Words for a field's value, computed when the label is read. */
export type Describe = (field: Field) => string;

/** Makes a field's children when they are first read (the bits of a flags byte). */
export type Expand = (field: Field) => Field[];

const PLAIN = 0;
const TEXT = 1;
const HEX = 2;

export class Field {
  private kids: Field[] | undefined;
  private expand: Expand | undefined;
  private raw: FieldValue;
  private source: Uint8Array | undefined;
  private form: number;

  constructor(
    /** Wireshark's display-filter name where it has one (`mqtt.conack.flags.sp`), ours otherwise. */
    readonly key: string,
    /** The field's name, as the first part of its label. */
    readonly name: string,
    value: FieldValue,
    /** Offset inside the MQTT packet, counting from the fixed header byte. */
    readonly offset: number,
    readonly length: number,
    private readonly describe?: string | Describe,
    children?: Field[],
  ) {
    this.raw = value;
    this.source = undefined;
    this.form = PLAIN;
    this.kids = children;
    this.expand = undefined;
  }

  /** A flags byte whose bits become child fields only when someone looks at them. */
  static flags(key: string, name: string, value: number, offset: number, describe: string | Describe, expand: Expand): Field {
    const field = new Field(key, name, value, offset, 1, describe);
    field.expand = expand;
    return field;
  }

  /** Fields inside this one (flag bits, a property's value, a topic filter's parts). */
  get children(): Field[] | undefined {
    if (this.kids === undefined && this.expand !== undefined) {
      this.kids = this.expand(this);
      this.expand = undefined;
    }
    return this.kids;
  }

  /** A field whose value is the UTF-8 text of its bytes (already checked to be valid). */
  static text(key: string, name: string, packet: Uint8Array, offset: number, length: number, describe?: string | Describe, children?: Field[]): Field {
    return new Field(key, name, '', offset, length, describe, children).lazy(packet, TEXT);
  }

  /** A field whose value is its bytes as lowercase hex. */
  static hex(key: string, name: string, packet: Uint8Array, offset: number, length: number, describe?: string | Describe, children?: Field[]): Field {
    return new Field(key, name, '', offset, length, describe, children).lazy(packet, HEX);
  }

  private lazy(packet: Uint8Array, form: number): this {
    this.source = packet;
    this.form = form;
    return this;
  }

  /** Numbers for integers, booleans for one-bit flags, strings for text, lowercase hex for binary. */
  get value(): FieldValue {
    if (this.form !== PLAIN) {
      const end = this.offset + this.length;
      this.raw = this.form === TEXT ? decodeUtf8Unchecked(this.source!, this.offset, end) : toHex(this.source!, this.offset, end);
      this.form = PLAIN;
      this.source = undefined;
    }
    return this.raw;
  }

  /** What the value means, in words (`MQTT v3.1.1 (4)`, `Granted QoS 1 (0x01)`). */
  get meaning(): string {
    const describe = this.describe;
    return typeof describe === 'string' ? describe : describe ? describe(this) : showValue(this.value);
  }

  /** The tree line a person reads: the field's name and the value's meaning. */
  get label(): string {
    return `${this.name}: ${this.meaning}`;
  }

  toJSON(): { key: string; label: string; value: FieldValue; offset: number; length: number; children?: Field[] } {
    const json = { key: this.key, label: this.label, value: this.value, offset: this.offset, length: this.length };
    return this.children ? { ...json, children: this.children } : json;
  }
}

function showValue(value: FieldValue): string {
  return typeof value === 'boolean' ? (value ? 'Set' : 'Not set') : String(value);
}

export interface Problem {
  offset: number;
  length: number;
  message: string;
  /** The specification clause broken, e.g. `MQTT-3.2.2-1`, where one applies. */
  clause?: string;
}

export interface DecodedPacket {
  /** The packet type from the fixed header (1–15; 0 is reserved). */
  type: number;
  typeName: string;
  /** The protocol level the packet was decoded as (3 = 3.1, 4 = 3.1.1, 5 = 5.0). */
  protocolLevel: number;
  /** The whole packet's size in bytes, fixed header included. */
  length: number;
  fields: Field[];
  problems: Problem[];
}

export function makeField(
  key: string,
  name: string,
  value: FieldValue,
  offset: number,
  length: number,
  meaning?: string | Describe,
  children?: Field[],
): Field {
  return new Field(key, name, value, offset, length, meaning, children);
}

/** Depth-first search of a field tree by key. */
export function findField(fields: readonly Field[], key: string): Field | undefined {
  for (const field of fields) {
    if (field.key === key) return field;
    const inner = field.children && findField(field.children, key);
    if (inner) return inner;
  }
  return undefined;
}

/** The pieces as one array, copied once. */
export function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
