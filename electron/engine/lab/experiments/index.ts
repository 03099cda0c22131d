// The lab's experiments, in the order the seed tells the story of a connection.
import type { Experiment } from '../lab-types';
import { accepted } from './accepted';
import { badCredentials } from './bad-credentials';
import { connectTimeout } from './connect-timeout';
import { identifierRejected } from './identifier-rejected';
import { keepAlive } from './keep-alive';
import { lastWill } from './last-will';
import { malformedConnect } from './malformed-connect';
import { mqtt5Extras } from './mqtt5-extras';
import { persistentSession } from './persistent-session';
import { protocolVersion } from './protocol-version';
import { sessionTakeover } from './session-takeover';

export const EXPERIMENTS: Experiment[] = [accepted, protocolVersion, identifierRejected, badCredentials, persistentSession, lastWill, keepAlive, connectTimeout, malformedConnect, sessionTakeover, mqtt5Extras];
