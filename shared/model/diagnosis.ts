// Why a connection failed, in plain words, with the layer it failed at and what to try. Rules
// are data where they can be: socket error codes and CONNACK codes map to words here.
import { connackCodeMeaning, formatCode } from '../mqtt/reason-codes';

export type Layer = 'DNS' | 'TCP' | 'TLS' | 'WebSocket' | 'MQTT';

export interface Diagnosis {
  layer: Layer;
  /** One line: what happened. */
  title: string;
  /** What the evidence is. */
  detail: string;
  /** What to try. */
  hint: string;
}

/** The client's failure code for a TLS handshake that met a reset, a close or bytes that are not TLS. */
export const NO_TLS_ANSWER = 'ERR_TLS_NOT_ANSWERED';
/** The client's failure codes for a TLS handshake, and a WebSocket upgrade, not done within the connection's timeout. */
export const TLS_TIMEOUT = 'ERR_TLS_TIMEOUT';
export const WEBSOCKET_TIMEOUT = 'ERR_WS_UPGRADE_TIMEOUT';

interface ErrorRule {
  layer: Layer;
  title: string;
  hint: string;
}

const ERROR_RULES: Record<string, ErrorRule> = {
  ENOTFOUND: { layer: 'DNS', title: 'The host name could not be found', hint: 'Check the spelling of the host, or use its IP address.' },
  EAI_AGAIN: { layer: 'DNS', title: 'The name server did not answer', hint: 'Check this machine’s network and DNS settings, or use the IP address.' },
  ECONNREFUSED: { layer: 'TCP', title: 'Nothing is listening on that port', hint: 'Is the broker running? Plain MQTT is usually port 1883, MQTT over TLS 8883.' },
  ETIMEDOUT: { layer: 'TCP', title: 'The broker did not answer the connection attempt', hint: 'A firewall may drop the packets, or the address is wrong.' },
  EHOSTUNREACH: { layer: 'TCP', title: 'The host cannot be reached', hint: 'Check the address and the route to it (VPN, firewall).' },
  ENETUNREACH: { layer: 'TCP', title: 'The network cannot be reached', hint: 'Check this machine’s network connection.' },
  ECONNRESET: { layer: 'TCP', title: 'The connection was reset', hint: 'The broker or something in between dropped the connection abruptly. Right after the CONNECT, it often means the port expects TLS (mqtts://) or WebSocket.' },
  EPIPE: { layer: 'TCP', title: 'The connection was closed while sending', hint: 'The broker closed the connection; see what it answered before.' },
  DEPTH_ZERO_SELF_SIGNED_CERT: { layer: 'TLS', title: 'The broker’s certificate is self-signed', hint: 'Give its CA certificate, or turn verification off for a test.' },
  SELF_SIGNED_CERT_IN_CHAIN: { layer: 'TLS', title: 'The certificate chain ends in an untrusted self-signed CA', hint: 'Give the CA certificate that signed the broker’s certificate.' },
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: { layer: 'TLS', title: 'The broker’s certificate could not be verified', hint: 'Give the CA certificate (and any intermediate) that signed it.' },
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: { layer: 'TLS', title: 'The issuer of the broker’s certificate is not trusted here', hint: 'Give the CA certificate that signed it.' },
  CERT_HAS_EXPIRED: { layer: 'TLS', title: 'The broker’s certificate has expired', hint: 'Renew the certificate on the broker, or check this machine’s clock.' },
  CERT_NOT_YET_VALID: { layer: 'TLS', title: 'The broker’s certificate is not valid yet', hint: 'Check this machine’s clock and the certificate’s dates.' },
  ERR_TLS_CERT_ALTNAME_INVALID: { layer: 'TLS', title: 'The certificate is for another host name', hint: 'Connect with a name the certificate lists, or set the SNI / server name.' },
  [NO_TLS_ANSWER]: { layer: 'TLS', title: 'This port does not answer TLS', hint: 'Try mqtt://: this is probably a plain MQTT port (usually 1883); MQTT over TLS is usually on 8883.' },
  [TLS_TIMEOUT]: { layer: 'TLS', title: 'The TLS handshake did not finish in time', hint: 'Something accepts TCP on this port but does not complete TLS: check the port (MQTT over TLS is usually 8883) and any proxy or firewall in between, or raise the timeout for a slow link.' },
  EPROTO: { layer: 'TLS', title: 'The TLS handshake failed', hint: 'The port may not speak TLS, or the TLS versions and ciphers do not match.' },
  ERR_CONNACK_TIMEOUT: { layer: 'MQTT', title: 'The broker never answered the CONNECT', hint: 'The port may not be an MQTT broker, or the broker is overloaded; try mosquitto_sub -d against it.' },
  [WEBSOCKET_TIMEOUT]: { layer: 'WebSocket', title: 'The WebSocket upgrade did not finish in time', hint: 'Something accepts the connection but does not answer HTTP: check that the port serves MQTT over WebSocket and the path (often /mqtt), or raise the timeout for a slow link.' },
  ERR_WS_UPGRADE: { layer: 'WebSocket', title: 'The WebSocket upgrade was refused', hint: 'Check the path (often /mqtt) and that the port serves MQTT over WebSocket.' },
};

/** A socket-level failure, from the error code Node gave. */
export function diagnoseError(error: { code?: string; message: string }): Diagnosis {
  const rule = (error.code && ERROR_RULES[error.code]) || undefined;
  if (rule) return { ...rule, detail: error.message };
  const layer: Layer = error.code?.startsWith('ERR_TLS') || error.code?.startsWith('ERR_SSL') || error.code?.includes('CERT') ? 'TLS' : 'TCP';
  return { layer, title: 'The connection failed', detail: error.message, hint: 'See the error code; the trace shows the last step that worked.' };
}

const REFUSAL_HINTS: Record<string, string> = {
  '1': 'Try another MQTT version: the broker does not speak this one.',
  '2': 'Use another client id: it may be empty with clean session off, too long, or not allowed.',
  '3': 'The broker is up but the MQTT service is not available; try again later.',
  '4': 'Check the user name and password.',
  '5': 'The broker does not let the client in: check the credentials and its access rules (mosquitto answers 5 to a wrong password).',
  '0x84': 'Try MQTT 3.1.1: the broker does not speak this version.',
  '0x85': 'Use another client id.',
  '0x86': 'Check the user name and password.',
  '0x87': 'Check the credentials and the broker’s access rules.',
  '0x88': 'Try again later.',
  '0x89': 'The broker is busy; try again later.',
  '0x8a': 'The client is banned; ask the broker’s administrator.',
  '0x8c': 'Check the authentication method.',
  '0x95': 'The CONNECT is larger than the broker accepts.',
  '0x9c': 'Connect to the server the broker names in its Server Reference.',
  '0x9d': 'Connect to the server the broker names in its Server Reference from now on.',
  '0x9f': 'Slow down: the broker limits how often clients connect.',
};

/** A refusal in the CONNACK, with its code and meaning. */
export function diagnoseRefusal(code: number, protocolLevel: number, serverReference?: string): Diagnosis {
  const meaning = connackCodeMeaning(code, protocolLevel);
  const codeText = formatCode(code, protocolLevel);
  const reference = serverReference ? ` The broker points to ${serverReference}.` : '';
  return {
    layer: 'MQTT',
    title: `The broker refused the connection: ${meaning?.name ?? 'unknown code'} (${codeText})`,
    detail: `${meaning?.explanation ?? 'The code is not defined by the specification.'}${reference}`,
    hint: REFUSAL_HINTS[codeText] ?? 'See the broker’s log for why it refused.',
  };
}
