// The shape every decoder returns: a tree of fields that each know their bytes, plus problems.
// Labels, and the text and hex of byte ranges, are made only when read: a packet list that
// never opens a packet never pays for them.
import { toHex } from './hex';
import { decodeAscii, decodeUtf8Unchecked } from './utf8';

export { fromHex, toHex } from './hex';

export type FieldValue = number | boolean | string;

/** Words for a field's value, computed when the label is read. */
export type Describe = (field: Field) => string;

/** Makes a field's children when they are first read (the bits of a flags byte). */
export type Expand = (field: Field) => Field[];

/**
 * One kind of field, made once and pointed at by every field of that kind (as Wireshark registers
 * each field once in `hf_mqtt[]`): its display-filter key, its name, its words.
 */
export interface FieldKind {
  /** Wireshark's display-filter name where it has one (`mqtt.conack.flags.sp`), ours otherwise. */
  readonly key: string;
  /** The field's name, as the first part of its label. */
  readonly name: string;
  /** What a value means in words; the value itself when absent. */
  readonly describe: string | Describe | undefined;
}

export function fieldKind(key: string, name: string, describe?: string | Describe): FieldKind {
  return { key, name, describe };
}

// How a field holds its value: itself, or (until first read) the packet whose bytes make it as
// text or hex, or another field whose value it shares.
const PLAIN = 0;
const TEXT = 1;
const ASCII = 2;
const HEX = 3;
const SAME_AS = 4;

/** A node of the tree. Few slots, one shape: a packet has dozens of them. */
export class Field {
  private raw: FieldValue | Uint8Array | Field;
  private form: number;
  /** The children, or what makes them when first read (the bits of a flags byte). */
  private kids: Field[] | Expand | undefined;
  /** The kind's key, kept here too: the one property every reader of a tree looks at. */
  readonly key: string;

  constructor(
    private readonly kind: FieldKind,
    value: FieldValue,
    /** Offset inside the MQTT packet, counting from the fixed header byte. */
    readonly offset: number,
    readonly length: number,
    children?: Field[] | Expand,
  ) {
    this.raw = value;
    this.form = PLAIN;
    this.kids = children;
    this.key = kind.key;
  }

  /** A flags byte whose bits become child fields only when someone looks at them. */
  static flags(kind: FieldKind, value: number, offset: number, expand: Expand): Field {
    return new Field(kind, value, offset, 1, expand);
  }

  /** A field whose value is the UTF-8 text of its bytes (already checked to be valid; `ascii` when checked to be ASCII). */
  static text(kind: FieldKind, packet: Uint8Array, offset: number, length: number, ascii: boolean, children?: Field[]): Field {
    return new Field(kind, '', offset, length, children).lazy(packet, ascii ? ASCII : TEXT);
  }

  /** A field whose value is its bytes as lowercase hex. */
  static hex(kind: FieldKind, packet: Uint8Array, offset: number, length: number, children?: Field[]): Field {
    return new Field(kind, '', offset, length, children).lazy(packet, HEX);
  }

  /**
   * A field with this one's value (made when read, as this one's is) over other bytes: a Content
   * Type's text with its length before it, a topic filter with its options after it.
   */
  covering(kind: FieldKind, offset: number, length: number, children?: Field[]): Field {
    return new Field(kind, '', offset, length, children).lazy(this, SAME_AS);
  }

  private lazy(source: Uint8Array | Field, form: number): this {
    this.raw = source;
    this.form = form;
    return this;
  }

  get name(): string {
    return this.kind.name;
  }

  /** Fields inside this one (flag bits, a property's value, a topic filter's parts). */
  get children(): Field[] | undefined {
    const kids = this.kids;
    return typeof kids === 'function' ? (this.kids = kids(this)) : kids;
  }

  /** Numbers for integers, booleans for one-bit flags, strings for text, lowercase hex for binary. */
  get value(): FieldValue {
    const form = this.form;
    if (form !== PLAIN) {
      const end = this.offset + this.length;
      const source = this.raw;
      this.raw =
        form === ASCII ? decodeAscii(source as Uint8Array, this.offset, end)
        : form === TEXT ? decodeUtf8Unchecked(source as Uint8Array, this.offset, end)
        : form === HEX ? toHex(source as Uint8Array, this.offset, end)
        : (source as Field).value;
      this.form = PLAIN;
    }
    return this.raw as FieldValue;
  }

  /** What the value means, in words (`MQTT v3.1.1 (4)`, `Granted QoS 1 (0x01)`). */
  get meaning(): string {
    const describe = this.kind.describe;
    return typeof describe === 'string' ? describe : describe ? describe(this) : showValue(this.value);
  }

  /** The tree line a person reads: the field's name and the value's meaning. */
  get label(): string {
    return `${this.name}: ${this.meaning}`;
  }

  toJSON(): { key: string; label: string; value: FieldValue; offset: number; length: number; children?: Field[] } {
    const { key, label, value, offset, length, children } = this;
    return children ? { key, label, value, offset, length, children } : { key, label, value, offset, length };
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
