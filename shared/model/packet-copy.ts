// What "Copy payload as text" copies: a PUBLISH's payload read as UTF-8, with U+FFFD for bytes
// that are not (the payload's bytes, not the decoder's checked text, so nothing is left out).
import { publishMessage } from '../payload/message';
import { lenientText } from '../payload/text';

/** The payload of a PUBLISH as text; undefined for any other packet, or one cut before its payload. */
export function publishPayloadText(hex: string, protocolLevel: number): string | undefined {
  const message = publishMessage(hex, protocolLevel);
  return message && lenientText(message.payload);
}
