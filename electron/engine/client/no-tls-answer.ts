// A TLS handshake that ends before the broker says a word of TLS: the port speaks something
// else (usually plain MQTT). Node reports it as a reset or an OpenSSL record error; this names
// what came back instead of the ServerHello, for the diagnosis "this port does not answer TLS".
import { NO_TLS_ANSWER } from '@shared/model/diagnosis';

/** OpenSSL's words for a first record that is not TLS at all (as opposed to a TLS alert). */
const NOT_TLS_RECORDS = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_UNKNOWN_PROTOCOL', 'ERR_SSL_RECORD_LAYER_FAILURE']);

/** What came back in place of a ServerHello, or undefined when the error is a TLS answer (an alert, a certificate). */
function whatCameBack(error: NodeJS.ErrnoException): string | undefined {
  // A reset arrives as a failed read; a plain close is Node's "disconnected before secure TLS connection".
  if (error.code === 'ECONNRESET') return error.syscall === 'read' ? 'a reset (RST)' : 'a close (FIN) without a byte of TLS';
  if (error.code && NOT_TLS_RECORDS.has(error.code)) return `bytes that are not TLS (OpenSSL: ${error.code.slice('ERR_SSL_'.length).toLowerCase().replaceAll('_', ' ')})`;
  return undefined;
}

/** The failure to record when the handshake broke before any TLS answer; undefined otherwise. */
export function noTlsAnswer(error: NodeJS.ErrnoException, address: string, port: number): { code: string; message: string } | undefined {
  const answer = whatCameBack(error);
  return answer === undefined ? undefined : { code: NO_TLS_ANSWER, message: `The TCP connection to ${address}:${port} opened and the TLS ClientHello went out; ${answer} came back, not a ServerHello` };
}

