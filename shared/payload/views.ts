// The payload viewer's views, in the order the chooser lists them, with their labels: one table.
export const PAYLOAD_VIEWS = [
  { view: 'text', label: 'Text' },
  { view: 'json', label: 'JSON' },
  { view: 'hex', label: 'Hex' },
  { view: 'base64', label: 'Base64' },
  { view: 'sparkplug', label: 'Sparkplug B' },
  { view: 'cbor', label: 'CBOR' },
  { view: 'msgpack', label: 'MessagePack' },
  { view: 'diff', label: 'Diff' },
] as const;

export type PayloadView = (typeof PAYLOAD_VIEWS)[number]['view'];
/** Views that show a decoded structure. */
export type StructuredView = 'json' | 'sparkplug' | 'cbor' | 'msgpack';

export const viewLabel = (view: PayloadView): string => PAYLOAD_VIEWS.find((entry) => entry.view === view)!.label;

