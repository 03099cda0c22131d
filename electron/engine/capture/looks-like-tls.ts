// Whether a stream's first bytes are a TLS ClientHello: how a capture finds TLS on a port it was
// not told of. Reads the record header and the handshake message type only (RFC 8446 §5.1, §4).
import { CONTENT_TYPES, HANDSHAKE_TYPES } from '@shared/tls/tls-tables';
import { RECORD_HEADER_LENGTH } from './tls-record-framer';

/** The bytes the check reads: a record header and the handshake message's type. */
export const CLIENT_HELLO_SNIFF_LENGTH = RECORD_HEADER_LENGTH + 1;

export function looksLikeTlsClientHello(start: Uint8Array): boolean {
  // A ClientHello's record says 3.1 (or 3.0, or 3.3): any 3.x, as servers accept.
  return start.length >= CLIENT_HELLO_SNIFF_LENGTH && start[0] === CONTENT_TYPES.handshake && start[1] === 3 && start[5] === HANDSHAKE_TYPES.clientHello;
}
