// 9. A malformed CONNECT is not answered: a reserved connect flag set must make the broker close
// the connection [MQTT-3.1.2-3] (a protocol violation closes without a CONNACK, 4.8); a wrong
// protocol name may be closed, or handled by "some other specification", but never processed
// as MQTT [MQTT-3.1.2-1]. A refusing CONNACK then a close is taken for the wrong name (it is not
// processing the CONNECT as MQTT 3.1.1 would: nothing is accepted); for the reserved bit only a
// close without a CONNACK is.
import { toHex } from '@shared/mqtt';
import { encodePacket } from '@shared/mqtt/encode';
import type { Experiment } from '../lab-types';
import { credentials } from './steps';
import { answerOf, wrongWords } from './words';

/** How long the lab waits for the close. */
const CLOSE_WAIT_MS = 3000;
/** Clean session with the reserved bit 0 also set. */
const RESERVED_FLAGS = 0x02 | 0x01;

export const malformedConnect: Experiment = {
  name: 'malformed-connect',
  title: 'Malformed CONNECT',
  clause: '[MQTT-3.1.2-3], [MQTT-3.1.2-1], [MQTT-4.8.0-1]',
  expectation: 'A CONNECT with the reserved connect flag set: the connection closed without a CONNACK. A CONNECT with protocol name MQTX: closed without a CONNACK (a refusing CONNACK, then the close, is accepted too); never accepted.',
  async run(lab) {
    const { username, password } = credentials(lab);
    const reservedFlag = lab.connect({ plan: { rawConnectHex: toHex(encodePacket({ type: 'CONNECT', clientId: lab.unique('reserved'), keepAlive: 60, connectFlags: RESERVED_FLAGS })), stepTimeoutMs: CLOSE_WAIT_MS + 1000 } });
    const badName = lab.connect({ plan: { rawConnectHex: toHex(encodePacket({ type: 'CONNECT', clientId: lab.unique('name'), keepAlive: 60, protocolName: 'MQTX', username, password })), stepTimeoutMs: CLOSE_WAIT_MS + 1000 } });
    await Promise.all([reservedFlag, badName].map((client) => client.until((story) => story.end !== undefined, CLOSE_WAIT_MS)));

    const closed = (story: ReturnType<typeof badName.story>) => story.end !== undefined && story.end.by !== 'client' && story.end.error?.code !== 'ERR_CONNACK_TIMEOUT';
    const words = (story: ReturnType<typeof badName.story>) => (story.end ? answerOf(story) : `${story.connack ? `${answerOf(story)}, ` : ''}still open after ${CLOSE_WAIT_MS} ms`);
    const flagStory = reservedFlag.story();
    const nameStory = badName.story();
    const flagOk = closed(flagStory) && !flagStory.connack;
    const nameOk = closed(nameStory) && (!nameStory.connack || !nameStory.connack.accepted);
    const problems: string[] = [];
    if (!flagOk) problems.push(flagStory.connack ? 'the CONNECT with the reserved flag was answered with a CONNACK [MQTT-3.1.2-3]' : 'the CONNECT with the reserved flag was not closed [MQTT-3.1.2-3]');
    if (!nameOk) problems.push(nameStory.connack?.accepted ? 'the CONNECT named MQTX was accepted as MQTT [MQTT-3.1.2-1]' : 'the CONNECT named MQTX was neither refused nor closed');
    const nameNote = nameOk && nameStory.connack ? ' (a refusal before the close: accepted)' : '';
    const observation = `Reserved flag set: ${words(flagStory)}. Protocol name MQTX: ${words(nameStory)}${nameNote}.${wrongWords(problems)}`;
    return { verdict: problems.length === 0 ? 'pass' : 'fail', observation, evidence: [reservedFlag.evidence('reserved flag set'), badName.evidence('protocol name MQTX')] };
  },
};
