// The one reader of broker URLs (`mqtt://user:pass@host:port`, …), used by the connection form
// and by `mqttscope connect`, so both read a URL the same way.

export const TRANSPORTS = ['mqtt', 'mqtts', 'ws', 'wss'] as const;
export type Transport = (typeof TRANSPORTS)[number];
export const DEFAULT_PORTS: Record<Transport, number> = { mqtt: 1883, mqtts: 8883, ws: 80, wss: 443 };

/** Schemes by the names clients use for them (mqtt.js, mosquitto, Paho). */
const SCHEMES: Record<string, Transport> = { 'mqtt:': 'mqtt', 'tcp:': 'mqtt', 'mqtts:': 'mqtts', 'ssl:': 'mqtts', 'tls:': 'mqtts', 'ws:': 'ws', 'wss:': 'wss' };

/** mqtt.js and most brokers serve MQTT over WebSocket at /mqtt: a URL without a path means it. */
export const DEFAULT_WEBSOCKET_PATH = '/mqtt';

export const URL_SCHEMES_TEXT = 'mqtt:// (or tcp://), mqtts:// (or ssl://, tls://), ws:// or wss://';

export interface BrokerUrl {
  transport: Transport;
  host: string;
  port: number;
  /** Empty when the URL has none. */
  username: string;
  password: string;
  /** ws and wss: the HTTP path (with any query but clientId). */
  wsPath?: string;
  /** From `?clientId=`. */
  clientId?: string;
}

export type BrokerUrlResult = { ok: true; url: BrokerUrl } | { ok: false; message: string };

/** The URL as it may be quoted in a message: without what stands before an `@` (a password). */
function withoutCredentials(text: string): string {
  return text.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1…@');
}

/** `%xx` escapes decoded; a malformed one (`50%off`) is kept as written, never a throw. */
function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

export function parseBrokerUrl(text: string): BrokerUrlResult {
  const trimmed = text.trim();
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return { ok: false, message: `“${withoutCredentials(trimmed)}” is not a URL: write mqtt://[user[:password]@]host[:port]` };
  }
  const transport = SCHEMES[url.protocol];
  if (!transport) return { ok: false, message: `${url.protocol}// is not supported: use ${URL_SCHEMES_TEXT}` };
  if (!url.hostname) return { ok: false, message: `“${withoutCredentials(trimmed)}” has no host` };
  const result: BrokerUrl = {
    transport,
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : DEFAULT_PORTS[transport],
    username: decodePart(url.username),
    password: decodePart(url.password),
  };
  const clientId = url.searchParams.get('clientId');
  if (clientId !== null) result.clientId = clientId;
  if (transport === 'ws' || transport === 'wss') {
    url.searchParams.delete('clientId');
    const path = url.pathname && url.pathname !== '/' ? url.pathname : DEFAULT_WEBSOCKET_PATH;
    result.wsPath = `${path}${url.search}`;
  }
  return { ok: true, url: result };
}
