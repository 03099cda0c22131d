// One payload read every way the viewer offers, each way only when first asked, and the view
// that suits it best: Sparkplug B on its topics, then JSON, CBOR, MessagePack, text, hex.
import { decoded, notDecoded, type Decoded } from './decoded';
import { decodeCbor } from './cbor';
import { decodeJson } from './json';
import { decodeMsgpack } from './msgpack';
import { toPlain, type PlainValue } from './plain-value';
import { decodeSparkplugB, isSparkplugTopic, SPARKPLUG_B_NAMESPACE } from './sparkplug-b';
import { decodeText } from './text';
import type { PayloadView, StructuredView } from './views';
import { DECODE_BYTES } from '../limits';

const DECODERS: Record<StructuredView, (bytes: Uint8Array) => Decoded<unknown>> = {
  json: decodeJson,
  sparkplug: decodeSparkplugB,
  cbor: decodeCbor,
  msgpack: decodeMsgpack,
};

export class PayloadReading {
  private readonly structures = new Map<StructuredView, Decoded<PlainValue>>();
  private textRead: Decoded<string> | undefined;
  private bestView: PayloadView | undefined;

  constructor(
    readonly bytes: Uint8Array,
    readonly topic: string | undefined,
  ) {}

  get text(): Decoded<string> {
    return (this.textRead ??= decodeText(this.bytes));
  }

  /** The payload as `view` reads it, made plain (JSON's kinds) for the tree, the copy, the diff. */
  structure(view: StructuredView): Decoded<PlainValue> {
    let read = this.structures.get(view);
    if (!read) {
      read = this.decodeAs(view);
      this.structures.set(view, read);
    }
    return read;
  }

  /** Whether a view shows something for this payload (hex, Base64 and Diff always do). */
  applies(view: PayloadView): boolean {
    if (view === 'text') return this.text.ok;
    if (view === 'sparkplug' && !isSparkplugTopic(this.topic)) return false;
    if (view in DECODERS) return this.structure(view as StructuredView).ok;
    return true;
  }

  /** Why a view does not read this payload, in words; undefined when it does. */
  problem(view: PayloadView): string | undefined {
    if (this.applies(view)) return undefined;
    if (view === 'text') return this.text.ok ? undefined : this.text.problem;
    if (view === 'sparkplug' && !isSparkplugTopic(this.topic)) return `Not Sparkplug B: the topic is not in the ${SPARKPLUG_B_NAMESPACE} namespace`;
    const read = this.structure(view as StructuredView);
    return read.ok ? undefined : read.problem;
  }

  get best(): PayloadView {
    return (this.bestView ??= this.chooseBest());
  }

  private chooseBest(): PayloadView {
    if (this.bytes.length === 0) return 'text';
    const order: PayloadView[] = ['sparkplug', 'json', 'cbor', 'msgpack', 'text'];
    return order.find((view) => this.applies(view)) ?? 'hex';
  }

  private decodeAs(view: StructuredView): Decoded<PlainValue> {
    if (this.bytes.length > DECODE_BYTES) return notDecoded(`Not tried: the payload is larger than ${DECODE_BYTES / 1024 / 1024} MiB`);
    const read = DECODERS[view](this.bytes);
    return read.ok ? decoded(toPlain(read.value)) : read;
  }
}
