// Each admission step at its edge, named by its clause: what it admits, what it refuses and with
// which return code; and the runner that goes through them in order. On the wire the same steps
// are held by aedes-broker.test.ts, session-present.test.ts and users.test.ts.
import { describe, expect, it } from 'vitest';
import { FAILURES_BEFORE_THROTTLE, type LoginVerdict } from './users';
import { MemorySessionRegister } from './session-register';
import { admit, ADMISSION_STEPS, type AdmissionContext, type AdmissionStep, type Admitted, type Candidate, type Refusal } from './admission';

const candidate = (over: Partial<Candidate> = {}): Candidate => ({ clientId: 'c1', emptyClientId: false, clean: true, protocolVersion: 4, address: '127.0.0.9', internal: false, ...over });

function context(over: Partial<AdmissionContext> = {}): AdmissionContext & { logins: string[] } {
  const logins: string[] = [];
  return {
    allowAnonymous: true,
    checkLogin: async (username) => {
      logins.push(username);
      return 'accepted';
    },
    register: new MemorySessionRegister(),
    maxHeldSessions: 2,
    liveConnectionOf: () => undefined,
    logins,
    ...over,
  };
}

const step = (name: string): AdmissionStep => ADMISSION_STEPS.find((each) => each.name === name)!;
const run = async (name: string, who: Candidate, broker: AdmissionContext = context(), admitted: Admitted = {}) => step(name).run(who, broker, admitted);
const admitted = (at: AdmissionStep['at'], who: Candidate, broker: AdmissionContext, found: Admitted = {}, steps?: readonly AdmissionStep[]) =>
  new Promise<Refusal | undefined>((resolve) => admit(at, who, broker, found, resolve, steps));

describe('admission steps', () => {
  it('run in order, each with its clause', () => {
    expect(ADMISSION_STEPS.map(({ name, at, clause }) => `${at}: ${name} ${clause}`)).toEqual([
      'connect: protocol level [MQTT-3.1.2-2]',
      'connect: session takeover [MQTT-3.1.4-2]',
      'authenticate: client id [MQTT-3.1.3-8]',
      'authenticate: anonymous clients §3.1.4 (authentication), return code 5 (§3.2.2.3)',
      'authenticate: authentication §3.1.4 (authentication), return codes 4 and 3 (§3.2.2.3)',
      'authenticate: session capacity [MQTT-3.1.2-4], return code 3 (§3.2.2.3)',
      'authenticate: session present [MQTT-3.2.2-1], [MQTT-3.2.2-2], [MQTT-3.1.2-6]',
    ]);
  });

  it('[MQTT-3.1.2-2] protocol level: admits 3.1 (3) and 3.1.1 (4), refuses 5 with return code 1 and says why', async () => {
    expect(await run('protocol level', candidate({ protocolVersion: 3 }))).toBeUndefined();
    expect(await run('protocol level', candidate({ protocolVersion: 4 }))).toBeUndefined();
    expect(await run('protocol level', candidate({ protocolVersion: 5 }))).toEqual({ returnCode: 1, reason: expect.stringMatching(/does not speak MQTT 5; choose mosquitto/) });
    expect(await run('protocol level', candidate({ protocolVersion: 2 }))).toMatchObject({ returnCode: 1, reason: expect.stringMatching(/not protocol level 2$/) });
  });

  it('[MQTT-3.1.4-2] session takeover: notes the live connection of the same client id, none for another id or an empty one', async () => {
    const broker = context({ liveConnectionOf: (clientId) => (clientId === 'taken' ? 'older-connection' : undefined) });
    const found: Admitted = {};
    expect(await run('session takeover', candidate({ clientId: 'taken' }), broker, found)).toBeUndefined();
    expect(found).toEqual({ takesOver: 'older-connection' });
    for (const clientId of ['free', '']) {
      const none: Admitted = {};
      await run('session takeover', candidate({ clientId, emptyClientId: clientId === '' }), broker, none);
      expect(none).toEqual({});
    }
  });

  it('[MQTT-3.1.3-8] client id: refuses an empty one with clean session off (return code 2); admits it with clean session on', async () => {
    expect(await run('client id', candidate({ clientId: '', emptyClientId: true, clean: false }))).toEqual({ returnCode: 2, reason: 'An empty client id needs clean session on [MQTT-3.1.3-8]' });
    expect(await run('client id', candidate({ clientId: 'aedes_made_up', emptyClientId: true, clean: true }))).toBeUndefined();
    expect(await run('client id', candidate({ clean: false }))).toBeUndefined();
  });

  it('§3.1.4 anonymous clients: refused with return code 5 when not allowed; a user name goes on to be checked', async () => {
    expect(await run('anonymous clients', candidate(), context({ allowAnonymous: false }))).toEqual({ returnCode: 5, reason: 'Anonymous clients are not allowed' });
    expect(await run('anonymous clients', candidate(), context({ allowAnonymous: true }))).toBeUndefined();
    expect(await run('anonymous clients', candidate({ username: 'alice' }), context({ allowAnonymous: false }))).toBeUndefined();
  });

  it('§3.1.4 authentication: a wrong password is return code 4; a throttled, superseded or unchecked login is 3, said as throttled; no user name is not checked', async () => {
    const answering = (verdict: LoginVerdict) => context({ checkLogin: async () => verdict });
    expect(await run('authentication', candidate({ username: 'alice' }), answering('accepted'))).toBeUndefined();
    expect(await run('authentication', candidate({ username: 'alice' }), answering('refused'))).toEqual({ returnCode: 4, reason: 'Bad user name or password' });
    expect(await run('authentication', candidate({ username: 'alice' }), answering('throttled'))).toEqual({ returnCode: 3, reason: expect.stringMatching(new RegExp(`^Login throttled: over ${FAILURES_BEFORE_THROTTLE} failed logins as alice from 127\\.0\\.0\\.9`)), throttled: true });
    expect(await run('authentication', candidate({ username: 'alice' }), answering('superseded'))).toMatchObject({ returnCode: 3, throttled: true });
    expect(await run('authentication', candidate({ username: 'alice' }), answering('busy'))).toMatchObject({ returnCode: 3, reason: expect.stringMatching(/^Login not checked: the broker is busy/), throttled: true });
    const broker = context();
    expect(await run('authentication', candidate(), broker)).toBeUndefined();
    expect(broker.logins).toEqual([]);
  });

  it('[MQTT-3.1.2-4] session capacity: at its maximum a new persistent session is refused with return code 3; a held one and a clean one are admitted', async () => {
    const broker = context({ maxHeldSessions: 2 });
    await broker.register.hold('a');
    expect(await run('session capacity', candidate({ clientId: 'b', clean: false }), broker)).toBeUndefined();
    await broker.register.hold('b');
    expect(await run('session capacity', candidate({ clientId: 'c', clean: false }), broker)).toEqual({ returnCode: 3, reason: 'The broker holds its maximum of 2 sessions; connect with clean session on, or purge one' });
    expect(await run('session capacity', candidate({ clientId: 'a', clean: false }), broker)).toBeUndefined();
    expect(await run('session capacity', candidate({ clientId: 'c', clean: true }), broker)).toBeUndefined();
  });

  it('[MQTT-3.2.2-1] [MQTT-3.2.2-2] session present: 1 only for a session the broker held, read before this CONNECT keeps or drops it', async () => {
    const broker = context();
    const first: Admitted = {};
    expect(await run('session present', candidate({ clean: false }), broker, first)).toBeUndefined();
    expect(first.sessionPresent).toBe(false);
    expect(broker.register.holds('c1')).toBe(true);
    const again: Admitted = {};
    await run('session present', candidate({ clean: false }), broker, again);
    expect(again.sessionPresent).toBe(true);
    const clean: Admitted = {};
    await run('session present', candidate({ clean: true }), broker, clean);
    expect(clean.sessionPresent).toBe(false);
    expect(broker.register.holds('c1')).toBe(false);
  });

  it('[MQTT-3.2.2-2] session present: a session that cannot be kept refuses with return code 3', async () => {
    const register = new MemorySessionRegister();
    register.hold = async () => {
      throw new Error('disk full');
    };
    expect(await run('session present', candidate({ clean: false }), context({ register }))).toEqual({ returnCode: 3, reason: 'The broker could not keep the session: disk full' });
  });
});

describe('admit', () => {
  it("stops at the first refusal: a refused login's session is neither counted nor kept", async () => {
    const broker = context({ checkLogin: async () => 'refused' });
    const found: Admitted = {};
    expect(await admitted('authenticate', candidate({ username: 'alice', clean: false }), broker, found)).toMatchObject({ returnCode: 4 });
    expect(found).toEqual({});
    expect(broker.register.held()).toEqual([]);
  });

  it("admits the broker's own connection without credentials, still through the session steps", async () => {
    const broker = context({ allowAnonymous: false, maxHeldSessions: 0 });
    expect(await admitted('authenticate', candidate({ internal: true, clean: true }), broker)).toBeUndefined();
    expect(await admitted('authenticate', candidate({ internal: true, clean: false }), broker)).toMatchObject({ returnCode: 3, reason: expect.stringMatching(/maximum of 0 sessions/) });
    expect(broker.logins).toEqual([]);
  });

  it('runs only the steps of the place asked for, and answers in the same turn while every step does', () => {
    let told: Refusal | undefined | 'not yet' = 'not yet';
    admit('connect', candidate({ protocolVersion: 5, clientId: '', emptyClientId: true, clean: false }), context(), {}, (refusal) => (told = refusal));
    expect(told).toMatchObject({ returnCode: 1 });
  });

  it('a step that fails refuses as Server unavailable, naming the step', async () => {
    const broker = context({ checkLogin: () => Promise.reject(new Error('no hash')) });
    expect(await admitted('authenticate', candidate({ username: 'alice' }), broker)).toEqual({ returnCode: 3, reason: 'The broker could not admit the client (authentication): no hash' });
  });
});
