// How the embedded broker admits a connection: named steps in order, each with the part of the
// specification it applies, as Aedes keeps its connect actions (lib/handlers/connect.js). Aedes
// offers two places to run them: 'connect' steps as the CONNECT arrives, before Aedes checks it
// (what they refuse, Aedes answers itself), and 'authenticate' steps when Aedes asks, whose
// refusal is the CONNACK's return code. The first refusal ends admission.
import { PROTOCOL_LEVELS } from '@shared/mqtt';
import { formatCount } from '@shared/format-count';
import type { SessionRegister } from './session-register';
import { MAX_WAITING_CHECKS, MAX_WAITING_PER_PAIR } from '../limits';
import { FAILURES_BEFORE_THROTTLE, THROTTLE_WINDOW_MS, type LoginVerdict } from './users';

/** The MQTT 3.1.1 CONNACK return codes a step refuses with (§3.2.2.3). */
export type ReturnCode = 1 | 2 | 3 | 4 | 5;

export interface Refusal {
  returnCode: ReturnCode;
  reason: string;
  /** Refused by the failed-login throttle, not for its password. */
  throttled?: true;
}

/** A connection asking to be admitted, as its CONNECT and its socket tell. */
export interface Candidate {
  /** The session's client id: the CONNECT's, or for an empty one (at authentication) the one Aedes made up. */
  clientId: string;
  /** The CONNECT's client id was empty. */
  emptyClientId: boolean;
  clean: boolean;
  protocolVersion: number;
  username?: string;
  password?: Buffer;
  /** The client's IP address: the failed-login throttle counts by address and user name. */
  address: string;
  /** The broker's own connection (a purge), admitted without credentials. */
  internal: boolean;
}

/** What the steps read of the broker. */
export interface AdmissionContext {
  allowAnonymous: boolean;
  checkLogin(username: string, password: Buffer | undefined, address: string): Promise<LoginVerdict>;
  register: SessionRegister;
  maxHeldSessions: number;
  /** The connection id of the live connection with this client id, if there is one. */
  liveConnectionOf(clientId: string): string | undefined;
}

/** What admission learned on the way, for the broker to act on once the client is in. */
export interface Admitted {
  /** The connection this one takes the client id over from. */
  takesOver?: string;
  /** What the CONNACK's Session Present says. */
  sessionPresent?: boolean;
}

type Outcome = Refusal | undefined;

export interface AdmissionStep {
  name: string;
  /** The specification's clause (or section, where the rule has no clause id) the step applies. */
  clause: string;
  at: 'connect' | 'authenticate';
  /** Not run for the broker's own connections. */
  skipsOwnConnections?: true;
  run(candidate: Candidate, broker: AdmissionContext, admitted: Admitted): Outcome | Promise<Outcome>;
}

/** A throttled login is refused as 3.1.1's Server unavailable: the nearest to MQTT 5's 0x9F
 *  Connection rate exceeded, which Aedes never sends (it refuses MQTT 5 before authenticating). */
const THROTTLED_RETURN_CODE = 3;

/** Why a login was refused without being let in or told its password was wrong, in words that
 *  say only what holds (users.ts says what the throttle promises). */
function throttledReason(verdict: Exclude<LoginVerdict, 'accepted' | 'refused'>, username: string, address: string): string {
  const who = `${username} from ${address}`;
  switch (verdict) {
    case 'throttled':
      return `Login throttled: over ${FAILURES_BEFORE_THROTTLE} failed logins as ${who} within ${THROTTLE_WINDOW_MS / 1000} s; its wrong passwords are refused, and a right one is checked after at most ${MAX_WAITING_PER_PAIR} waiting attempts as ${who}`;
    case 'superseded':
      return `Login throttled: not checked; over ${MAX_WAITING_PER_PAIR} logins as ${who} were waiting, and newer ones go first`;
    case 'busy':
      return `Login not checked: the broker is busy checking other logins (${MAX_WAITING_CHECKS} waiting); try again`;
  }
}

const SPOKEN_LEVELS: readonly number[] = [PROTOCOL_LEVELS['3.1'], PROTOCOL_LEVELS['3.1.1']];

export const ADMISSION_STEPS: readonly AdmissionStep[] = [
  {
    name: 'protocol level',
    clause: '[MQTT-3.1.2-2]',
    at: 'connect',
    run: ({ protocolVersion }) => {
      if (SPOKEN_LEVELS.includes(protocolVersion)) return undefined;
      if (protocolVersion === PROTOCOL_LEVELS['5']) return { returnCode: 1, reason: 'The embedded broker (Aedes) does not speak MQTT 5; choose mosquitto as the local broker for MQTT 5' };
      return { returnCode: 1, reason: `The embedded broker speaks MQTT 3.1 and 3.1.1 (protocol levels ${SPOKEN_LEVELS.join(' and ')}), not protocol level ${protocolVersion}` };
    },
  },
  {
    // Aedes disconnects the older connection once this one is in; noted here, while it is still live.
    name: 'session takeover',
    clause: '[MQTT-3.1.4-2]',
    at: 'connect',
    run: ({ clientId }, broker, admitted) => {
      const older = clientId ? broker.liveConnectionOf(clientId) : undefined;
      if (older !== undefined) admitted.takesOver = older;
      return undefined;
    },
  },
  {
    // Aedes would give such a client a made-up id; the specification says refuse it.
    name: 'client id',
    clause: '[MQTT-3.1.3-8]',
    at: 'authenticate',
    skipsOwnConnections: true,
    run: ({ emptyClientId, clean }) => (emptyClientId && !clean ? { returnCode: 2, reason: 'An empty client id needs clean session on [MQTT-3.1.3-8]' } : undefined),
  },
  {
    name: 'anonymous clients',
    clause: '§3.1.4 (authentication), return code 5 (§3.2.2.3)',
    at: 'authenticate',
    skipsOwnConnections: true,
    run: ({ username }, broker) => (username === undefined && !broker.allowAnonymous ? { returnCode: 5, reason: 'Anonymous clients are not allowed' } : undefined),
  },
  {
    name: 'authentication',
    clause: '§3.1.4 (authentication), return codes 4 and 3 (§3.2.2.3)',
    at: 'authenticate',
    skipsOwnConnections: true,
    run: async ({ username, password, address }, broker) => {
      if (username === undefined) return undefined;
      const verdict = await broker.checkLogin(username, password, address);
      if (verdict === 'accepted') return undefined;
      if (verdict === 'refused') return { returnCode: 4, reason: 'Bad user name or password' };
      return { returnCode: THROTTLED_RETURN_CODE, reason: throttledReason(verdict, username, address), throttled: true };
    },
  },
  {
    // A new session is one more the broker (and its journal) holds: past its maximum, refused.
    name: 'session capacity',
    clause: '[MQTT-3.1.2-4], return code 3 (§3.2.2.3)',
    at: 'authenticate',
    run: ({ clientId, clean }, { register, maxHeldSessions }) =>
      !clean && !register.holds(clientId) && register.size >= maxHeldSessions
        ? { returnCode: 3, reason: `The broker holds its maximum of ${formatCount(maxHeldSessions)} sessions; connect with clean session on, or purge one` }
        : undefined,
  },
  {
    // Read before this CONNECT changes the session: a clean one is dropped, another kept.
    name: 'session present',
    clause: '[MQTT-3.2.2-1], [MQTT-3.2.2-2], [MQTT-3.1.2-6]',
    at: 'authenticate',
    run: async ({ clientId, clean }, { register }, admitted) => {
      admitted.sessionPresent = !clean && register.holds(clientId);
      try {
        await (clean ? register.drop(clientId) : register.hold(clientId));
        return undefined;
      } catch (error) {
        return { returnCode: 3, reason: `The broker could not keep the session: ${(error as Error).message}` };
      }
    },
  },
];

/**
 * Runs the steps of one place in order and tells `done` the first refusal, or none: at once while
 * the steps answer at once (Aedes goes on in the same turn), else when the last one has. A step
 * that fails refuses as Server unavailable.
 */
export function admit(at: AdmissionStep['at'], candidate: Candidate, broker: AdmissionContext, admitted: Admitted, done: (refusal?: Refusal) => void, steps: readonly AdmissionStep[] = ADMISSION_STEPS): void {
  const runFrom = (first: number): void => {
    for (let index = first; index < steps.length; index++) {
      const step = steps[index];
      if (step.at !== at || (candidate.internal && step.skipsOwnConnections)) continue;
      const outcome = step.run(candidate, broker, admitted);
      if (outcome instanceof Promise) {
        outcome.then(
          (refusal) => (refusal ? done(refusal) : runFrom(index + 1)),
          (error: Error) => done({ returnCode: 3, reason: `The broker could not admit the client (${step.name}): ${error.message}` }),
        );
        return;
      }
      if (outcome) return done(outcome);
    }
    done();
  };
  runFrom(0);
}
