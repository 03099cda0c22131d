// A payload in a line of a list: as it was written, cut short, or its size when it is not text.
import type { PayloadFormat } from '@shared/model/payload-encoding';
import { decodePayload } from '@shared/model/payload-encoding';
import { PAYLOAD_PREVIEW_CHARS } from '../../limits';


export function payloadPreview(payloadHex: string, format: PayloadFormat): string {
  if (payloadHex === '') return '(empty payload)';
  const text = decodePayload(format, payloadHex) ?? decodePayload('hex', payloadHex)!;
  const line = text.replace(/\s+/g, ' ');
  return line.length > PAYLOAD_PREVIEW_CHARS ? `${line.slice(0, PAYLOAD_PREVIEW_CHARS)}…` : line;
}
