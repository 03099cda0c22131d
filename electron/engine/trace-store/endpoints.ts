// A recorded session's two ends, from what it recorded: the TCP step of this app's client (its
// own address and the broker's), or the address a broker or proxy accepted the client from.
import { parseEndpoint, type CapturedSession } from '@shared/model/capture';

export function withEndpoints(session: CapturedSession): CapturedSession {
  if (session.client && session.broker) return session;
  let { client, broker } = session;
  for (const { event } of session.lifecycle) {
    if (event.phase === 'tcp' && session.origin === 'client') {
      client ??= parseEndpoint(event.localAddress);
      broker = parseEndpoint(event.remoteAddress) ?? broker;
    } else if (event.phase === 'tcp') broker ??= parseEndpoint(event.remoteAddress);
    else if (event.phase === 'accepted') {
      client ??= parseEndpoint(event.clientAddress);
      if (event.localAddress) broker ??= parseEndpoint(event.localAddress);
    }
  }
  return { ...session, ...(client ? { client } : {}), ...(broker ? { broker } : {}) };
}
