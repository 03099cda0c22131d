// The local broker: the embedded one (Aedes) or mosquitto, one at a time, its client connections
// recorded; and the embedded one's sessions and retained messages.
import path from 'node:path';
import type { brokerRequests } from '@shared/contract/broker';
import { startAedesBroker, type BrokerUser, type RunningBroker } from '../broker/aedes-broker';
import { startMosquittoBroker, type RunningMosquitto } from '../broker/mosquitto-broker';
import { LocalServerSlot } from '../local-server';
import type { EventSink, FeatureHandlers } from './handlers';
import type { Recording } from './recording';

/** Where the broker's client connections are recorded: the engine's recording, or a command's printer. */
export type ServerRecorder = Pick<Recording, 'sink' | 'onChunk'>;

/** The broker running locally, with the first user it was given (the lab connects as it, so refusals can be shown too). */
export type LocalBroker = ({ kind: 'embedded'; running: RunningBroker } | { kind: 'mosquitto'; running: RunningMosquitto }) & { user: BrokerUser | undefined };

/** The path the WebSocket listener serves MQTT at. */
const WEBSOCKET_PATH = '/mqtt';

export class BrokerFeature {
  private readonly slot = new LocalServerSlot<LocalBroker>('A local broker');

  constructor(
    private readonly options: {
      /** The broker's persistence and mosquitto's files go under it. */
      dataDir: string;
      recorder: ServerRecorder;
      emit: EventSink;
    },
  ) {}

  /** The broker running now, if one is. */
  get local(): LocalBroker | undefined {
    return this.slot.value;
  }

  readonly handlers: FeatureHandlers<typeof brokerRequests> = {
    'broker.start': async ({ kind, host, port, users, allowAnonymous, connectTimeoutSeconds, maxPacketSize, persist, acl, websocketPort }) => {
      if (kind !== 'embedded') {
        // What mosquitto would not apply is refused, never dropped without a word.
        const embeddedOnly = [['An ACL', acl], ['A maximum packet size', maxPacketSize], ['A connect timeout', connectTimeoutSeconds], ['Persistence', persist], ['A WebSocket port', websocketPort]] as const;
        const given = embeddedOnly.find(([, value]) => value !== undefined);
        if (given) throw new Error(`${given[0]} is applied by the embedded broker only`);
      }
      const { sink, onChunk } = this.options.recorder;
      const { dataDir, emit } = this.options;
      const user = users?.[0];
      const { running } = await this.slot.start(host, port, async () => {
        if (kind === 'embedded') {
          const persistDir = persist ? path.join(dataDir, 'broker') : undefined;
          const websocket = websocketPort === undefined ? undefined : { port: websocketPort, path: WEBSOCKET_PATH };
          return { kind, user, running: await startAedesBroker({ host, port, users, allowAnonymous, connectTimeoutSeconds, maxPacketSize, persistDir, acl, websocket, sink, onChunk, onEvent: (event) => emit('broker.event', event) }) };
        }
        return { kind, user, running: await startMosquittoBroker({ host, port, users, allowAnonymous, dir: path.join(dataDir, 'mosquitto'), sink, onChunk }) };
      });
      const websocketListens = 'websocketPort' in running && running.websocketPort !== undefined ? { websocketPort: running.websocketPort } : {};
      return { kind, host: running.host, port: running.port, ...websocketListens };
    },
    'broker.stop': async () => ({ stopped: await this.slot.stop() }),
    'broker.sessions': async () => this.embedded().sessions(),
    'broker.retained': async () => this.embedded().retained(),
    'broker.purgeSession': async ({ clientId }) => {
      await this.embedded().purgeSession(clientId);
      return { purged: true };
    },
    'broker.purgeRetained': async ({ topic }) => {
      await this.embedded().purgeRetained(topic);
      return { purged: true };
    },
  };

  /** Stops the broker, if one runs; false when none did. */
  stop(): Promise<boolean> {
    return this.slot.stop();
  }

  private embedded(): RunningBroker {
    const broker = this.slot.value;
    if (!broker) throw new Error('No local broker is running');
    if (broker.kind !== 'embedded') throw new Error('Sessions and retained messages are shown for the embedded broker only; mosquitto keeps its own');
    return broker.running;
  }
}
