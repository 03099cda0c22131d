// A TLS handshake that ends before the broker says a word of TLS: the port speaks something
// else (usually plain MQTT). Node reports it as a reset or an OpenSSL record error; this names
// what came back instead of the ServerHello, for the diagnosis "this port does not answer TLS".
import { NO_TLS_ANSWER } from '@shared/model/diagnosis';
import { byteCount } from './step-timeouts';

/** OpenSSL's words for a first record that is not TLS at all (as opposed to a TLS alert). */
const NOT_TLS_RECORDS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_UNKNOWN_PROTOCOL', 'ERR_SSL_RECORD_LAYER_FAILURE']);

/** What came back in place of a ServerHello, or undefined when the error is a TLS answer (an alert, a certificate).
 *  @param bytesBeforeClose bytes read on the TCP connection when its close (FIN) came; undefined when not known. */
function whatCameBack(error: NodeJS.ErrnoException, bytesBeforeClose: number | undefined): string | undefined {
  // A reset arrives as a failed read; a plain close is Node's "disconnected before secure TLS connection".
  if (error.code === 'ECONNRESET') return error.syscall === 'read' ? 'a reset (RST)' : closeAfter(bytesBeforeClose);
  if (error.code && NOT_TLS_RECORDS.has(error.code)) return `bytes that are not TLS (OpenSSL: ${error.code.slice('ERR_SSL_'.length).toLowerCase().replaceAll('_', ' ')})`;
  return undefined;
}

/** A close that ended the handshake: "no byte" only when none was read. */
function closeAfter(bytesBeforeClose: number | undefined): string {
  if (bytesBeforeClose === undefined) return 'a close (FIN)';
  return bytesBeforeClose === 0 ? 'a close (FIN) without a byte of TLS' : `${byteCount(bytesBeforeClose)} then a close (FIN)`;
}

/** The failure to record when the handshake broke before any TLS answer; undefined otherwise.
 *  @param bytesBeforeClose see `whatCameBack`. */
export function noTlsAnswer(error: NodeJS.ErrnoException, address: string, port: number, bytesBeforeClose: number | undefined): { code: string; message: string } | undefined {
  const answer = whatCameBack(error, bytesBeforeClose);
  return answer === undefined ? undefined : { code: NO_TLS_ANSWER, message: `The TCP connection to ${address}:${port} opened and the TLS ClientHello went out; ${answer} came back, not a ServerHello` };
}

