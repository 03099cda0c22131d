// The ACL applied through Aedes' authorize hooks. A refused SUBSCRIBE gets return code 0x80
// [MQTT-3.9.3]; a refused PUBLISH is acknowledged as its QoS asks and dropped, and the client
// stays connected [MQTT-3.3.5-2]; a message a subscriber may not read is not delivered to it.
// Each decision becomes a broker event.
import type { Aedes, AedesOptions, Client } from 'aedes';
import type { Acl } from '@shared/model/acl';
import { decideFor, rulesFor, type AclOperation, type ClientRules } from '@shared/model/acl-check';
import type { AclEventOperation, BrokerEvent } from '@shared/model/broker';
import { traceNow } from '../trace/clock';
import { MAX_ALLOWED_REPORTS } from '../limits';

const SYS_PREFIX = '$SYS/';

export interface AclHooks {
  /** Aedes gives the user name only to authenticate; the hooks below need it too. */
  rememberUser(client: Client, name: string | undefined): void;
  authorizeSubscribe: NonNullable<AedesOptions['authorizeSubscribe']>;
  authorizePublish: NonNullable<AedesOptions['authorizePublish']>;
  authorizeForward: NonNullable<AedesOptions['authorizeForward']>;
  /** Makes the broker drop what authorizePublish refused once it is acknowledged, and not keep refused filters. */
  install(broker: Aedes): void;
}

export function aclHooks(acl: Acl, options: { connectionId: (client: Client) => string; emit: (event: BrokerEvent) => void; onDropped?: (packet: { qos?: number; messageId?: number }, client: Client) => void }): AclHooks {
  const refusedPublishes = new WeakSet<object>();
  const refusedSubscriptions = new WeakSet<object>();
  const username = new WeakMap<Client, string | undefined>();
  /** Each connection's rules (its client id and user name do not change) and what was reported of it. */
  const perClient = new WeakMap<Client, { rules: ClientRules; seen: Set<string> }>();

  const decide = (client: Client, operation: AclOperation, event: AclEventOperation, topic: string) => {
    let known = perClient.get(client);
    if (!known) {
      const name = username.get(client);
      known = { rules: rulesFor(acl, { clientId: client.id, ...(name !== undefined ? { username: name } : {}) }), seen: new Set() };
      perClient.set(client, known);
    }
    const decision = decideFor(known.rules, operation, topic);
    const seen = known.seen;
    const key = `${event} ${topic}`;
    if (!decision.allowed || (!seen.has(key) && seen.size < MAX_ALLOWED_REPORTS)) {
      if (decision.allowed) seen.add(key);
      options.emit({ type: 'acl', time: traceNow(), connectionId: options.connectionId(client), clientId: client.id, operation: event, topic, allowed: decision.allowed, ...(decision.line !== undefined ? { line: decision.line } : {}) });
    }
    return decision.allowed;
  };

  return {
    rememberUser(client, name) {
      username.set(client, name);
      perClient.delete(client);
    },
    authorizeSubscribe(client, subscription, done) {
      const allowed = decide(client, 'subscribe', 'subscribe', subscription.topic);
      if (!allowed) refusedSubscriptions.add(subscription);
      done(null, allowed ? subscription : null);
    },
    authorizePublish(client, packet, done) {
      // Aedes' own rule, kept: clients do not publish on $SYS/ (it closes the connection).
      if (client && packet.topic.startsWith(SYS_PREFIX)) return done(new Error(`${SYS_PREFIX} topic is reserved`));
      if (client && !decide(client, 'write', 'publish', packet.topic)) refusedPublishes.add(packet);
      done(null);
    },
    authorizeForward(client, packet) {
      return decide(client, 'read', 'deliver', packet.topic) ? packet : null;
    },
    install(broker) {
      // Aedes acknowledges a PUBLISH only after authorizePublish let it through, then publishes
      // the same object: a refused one is stopped here, after its PUBACK or PUBREC.
      const publish = broker.publish.bind(broker) as (packet: object, client: unknown, done?: unknown) => void;
      broker.publish = ((packet: { qos?: number; messageId?: number }, client: unknown, done?: unknown) => {
        const callback = (typeof client === 'function' ? client : done) as ((error?: Error | null) => void) | undefined;
        if (!refusedPublishes.has(packet)) return publish(packet, client, done);
        refusedPublishes.delete(packet);
        if (client && typeof client === 'object') options.onDropped?.(packet, client as Client);
        callback?.(null);
      }) as typeof broker.publish;
      // Aedes stores every filter of a SUBSCRIBE in a persistent session once one is granted,
      // the refused ones too: they are left out here.
      const store = (broker as unknown as { persistence: unknown }).persistence as { addSubscriptions(client: Client, subscriptions: object[]): Promise<void> };
      const addSubscriptions = store.addSubscriptions.bind(store);
      store.addSubscriptions = (client, subscriptions) => addSubscriptions(client, subscriptions.filter((subscription) => !refusedSubscriptions.has(subscription)));
    },
  };
}
