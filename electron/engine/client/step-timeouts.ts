// What each step of a connection that waits on the broker says when the connection's timeout
// runs out (TCP, the TLS handshake, the WebSocket upgrade, the CONNACK): the step, and what came
// back in the meantime, for a diagnosis at that step's layer.
import type tls from 'node:tls';
import { TLS_TIMEOUT, WEBSOCKET_TIMEOUT } from '@shared/model/diagnosis';

export interface StepFailure {
  code: string;
  message: string;
}

/** How long each step waits when the connection does not say (its `plan.stepTimeoutMs`). */
export const STEP_TIMEOUT_MS = 10_000;

const seconds = (ms: number) => `${ms / 1000} s`;
export const byteCount = (count: number) => `${count} byte${count === 1 ? '' : 's'}`;

export function tcpTimeout(address: string, port: number, timeoutMs: number): StepFailure {
  return { code: 'ETIMEDOUT', message: `No TCP connection to ${address}:${port} within ${seconds(timeoutMs)}` };
}

/** @param bytesBack what the broker sent since the ClientHello; undefined when Node does not say. */
export function tlsTimeout(address: string, port: number, timeoutMs: number, bytesBack: number | undefined): StepFailure {
  const answer = bytesBack === 0 ? 'no answer came' : `${bytesBack === undefined ? '' : `${byteCount(bytesBack)} came back and `}the handshake was not done`;
  return { code: TLS_TIMEOUT, message: `The TCP connection to ${address}:${port} opened and the TLS ClientHello went out; ${answer} within ${seconds(timeoutMs)}` };
}

/** @param bytesBack what the broker sent since the upgrade request. */
export function upgradeTimeout(url: string, timeoutMs: number, bytesBack: number): StepFailure {
  const answer = bytesBack === 0 ? 'no HTTP answer came' : `${byteCount(bytesBack)} came back, not a whole HTTP answer,`;
  return { code: WEBSOCKET_TIMEOUT, message: `The upgrade request to ${url} went out; ${answer} within ${seconds(timeoutMs)}` };
}

export function connackTimeout(timeoutMs: number): StepFailure {
  return { code: 'ERR_CONNACK_TIMEOUT', message: `No CONNACK within ${seconds(timeoutMs)} of the CONNECT` };
}

/** Bytes that came in on a TLS socket's TCP connection, handshake records included. */
export function tcpBytesRead(socket: tls.TLSSocket): number | undefined {
  // The TLS socket counts only what it decrypted; the TCP handle under it (Node's `_parent`,
  // not public API, hence the fallback to undefined) counts every byte.
  const count = (socket as unknown as { _handle?: { _parent?: { bytesRead?: unknown } } })._handle?._parent?.bytesRead;
  return typeof count === 'number' ? count : undefined;
}
