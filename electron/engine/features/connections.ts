// This app's own client connections: open one (recorded from its first entry), act on it while
// it is open (publish once or repeated, subscribe, unsubscribe), close it.
import { randomUUID } from 'node:crypto';
import type { connectionRequests } from '@shared/contract/connections';
import { InspectingClient } from '../client/inspecting-client';
import { RepeatedPublication } from '../client/repeated-publication';
import type { EventSink, FeatureHandlers } from './handlers';
import type { Recording } from './recording';

/** Where the connections' entries go: the engine's recording, or a command's printer. */
export type ConnectionRecorder = Pick<Recording, 'sink' | 'onChunk' | 'recordSafely'>;

export class ConnectionsFeature {
  private readonly clients = new Map<string, InspectingClient>();
  /** At most one repeated publication a connection. */
  private readonly repeats = new Map<string, RepeatedPublication>();

  constructor(
    private readonly recorder: ConnectionRecorder,
    private readonly emit: EventSink,
    /** Each new connection's id (`mqttscope connect` names its one connection `cli`). */
    private readonly newId: () => string = randomUUID,
  ) {}

  readonly handlers: FeatureHandlers<typeof connectionRequests> = {
    'connection.open': async (options) => {
      const connectionId = this.newId();
      this.recorder.recordSafely({ id: connectionId, origin: 'client', label: `${options.clientId || '(empty client id)'}@${options.host}:${options.port}`, broker: { address: options.host, port: options.port }, startTime: Date.now() });
      const client = new InspectingClient(connectionId, options, this.recorder.sink, this.recorder.onChunk);
      this.clients.set(connectionId, client);
      void client.closed.then(() => this.clients.delete(connectionId));
      client.start();
      return { connectionId };
    },
    'connection.close': async ({ connectionId, mode, reasonCode }) => {
      const client = this.clients.get(connectionId);
      if (!client) return { closed: false };
      await client.close({ mode, reasonCode });
      return { closed: true };
    },
    'connection.publish': async ({ connectionId, publication, repeat }) => {
      const client = this.liveClient(connectionId);
      if (!repeat || repeat.count === 1) return { packetId: client.publish(publication), repeating: false };
      if (this.repeats.get(connectionId)?.running) throw new Error('A repeated publication is already running on this connection: stop it first');
      const repeated = new RepeatedPublication(client, publication, repeat.count, repeat.intervalMs, (progress) => {
        if (progress.done && this.repeats.get(connectionId) === repeated) this.repeats.delete(connectionId);
        this.emit('connection.repeat', progress);
      });
      const packetId = repeated.start();
      if (repeated.running) this.repeats.set(connectionId, repeated);
      return { packetId, repeating: repeated.running };
    },
    'connection.stopRepeat': async ({ connectionId }) => {
      const repeated = this.repeats.get(connectionId);
      repeated?.stop('Stopped');
      return { stopped: repeated !== undefined };
    },
    'connection.subscribe': async ({ connectionId, subscriptions, subscriptionIdentifier, userProperties }) => ({
      results: await this.liveClient(connectionId).subscribe(subscriptions, subscriptionIdentifier, userProperties),
    }),
    'connection.unsubscribe': async ({ connectionId, topics }) => ({ results: await this.liveClient(connectionId).unsubscribe(topics) }),
    'connection.subscriptions': async ({ connectionId }) => ({ subscriptions: this.clients.get(connectionId)?.subscriptions() ?? [] }),
    'connections.live': async () => ({ connections: [...this.clients.values()].map((client) => ({ id: client.id, options: client.options })) }),
  };

  /** Ends every open connection as asked (DISCONNECT, or dropped so that the wills fire). */
  async closeAll(mode: 'disconnect' | 'abort'): Promise<void> {
    await Promise.all([...this.clients.values()].map((client) => client.close({ mode })));
  }

  /** A connection of this app that is open, for an action on it. */
  private liveClient(connectionId: string): InspectingClient {
    const client = this.clients.get(connectionId);
    if (!client) throw new Error('This connection is not open (it ended, or it is not one of this app\'s connections)');
    return client;
  }
}
