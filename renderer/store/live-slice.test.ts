// A connection's publish history and its repeat's progress, as the Publish panel reads them.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONNECT_FORM } from '@shared/model/connect-form';
import { DEFAULT_PUBLISH_FORM } from '@shared/model/publish-form';
import { publishFormFor, type SentPublication } from './live-slice';
import { useStore } from './index';
import { PUBLISH_HISTORY_LIMIT } from '../limits';

const sent = (topic: string, at = 1): SentPublication => ({ publication: { topic, payloadHex: '', qos: 0, retain: false }, payloadFormat: 'text', at });

describe('the publish history', () => {
  it('keeps each connection’s own, newest first, bounded to the last ones', () => {
    useStore.setState({ publishHistory: {} });
    const { recordPublication } = useStore.getState();
    for (let index = 0; index < PUBLISH_HISTORY_LIMIT + 5; index++) recordPublication('a', sent(`t/${index}`));
    recordPublication('b', sent('other'));
    const history = useStore.getState().publishHistory;
    expect(history.a).toHaveLength(PUBLISH_HISTORY_LIMIT);
    expect(history.a[0].publication.topic).toBe(`t/${PUBLISH_HISTORY_LIMIT + 4}`);
    expect(history.a.at(-1)!.publication.topic).toBe('t/5');
    expect(history.b.map((entry) => entry.publication.topic)).toEqual(['other']);
  });

  it('moves a publication sent again to the top instead of listing it twice', () => {
    useStore.setState({ publishHistory: {} });
    const { recordPublication } = useStore.getState();
    recordPublication('a', sent('one', 1));
    recordPublication('a', sent('two', 2));
    recordPublication('a', sent('one', 3));
    expect(useStore.getState().publishHistory.a.map((entry) => [entry.publication.topic, entry.at])).toEqual([['one', 3], ['two', 2]]);
    // The same topic with another payload format is another entry.
    recordPublication('a', { ...sent('one', 4), payloadFormat: 'hex' });
    expect(useStore.getState().publishHistory.a).toHaveLength(3);
  });
});

describe('a repeat’s progress', () => {
  it('is the engine’s latest word for each connection', () => {
    const { applyRepeat } = useStore.getState();
    applyRepeat({ connectionId: 'a', sent: 0, count: 5, done: false });
    applyRepeat({ connectionId: 'b', sent: 1, count: 2, done: false });
    applyRepeat({ connectionId: 'a', sent: 5, count: 5, done: true });
    expect(useStore.getState().repeats).toMatchObject({ a: { sent: 5, done: true }, b: { sent: 1, done: false } });
  });
});

describe('the forms and the status line', () => {
  it('are each connection’s own: another connection starts from the defaults', () => {
    const { setPublishForm, setPublishNote } = useStore.getState();
    setPublishForm('a', { ...DEFAULT_PUBLISH_FORM, topic: 'walk/rep' });
    setPublishNote('a', { kind: 'repeat', target: 'walk/rep' });
    const state = useStore.getState();
    expect(publishFormFor(state, 'a').topic).toBe('walk/rep');
    expect(publishFormFor(state, 'b')).toBe(DEFAULT_PUBLISH_FORM);
    expect(state.publishNotes.b).toBeUndefined();
    setPublishNote('a', undefined);
    expect(useStore.getState().publishNotes).not.toHaveProperty('a');
  });
});

describe('a profile’s templates', () => {
  const profile = { id: 'p', name: 'P', updatedAt: '', target: 'h:1', secrets: 'none' as const };
  const templates = { templates: [{ name: 'T', publication: sent('x').publication, payloadFormat: 'text' as const }], templateProblems: ['Template 2 …'] };
  const form = { ...DEFAULT_CONNECT_FORM, host: 'Broker.example', port: '1883', clientId: 'c' };

  it('are kept by profile; another profile chosen does not replace them', () => {
    useStore.getState().chooseProfile(profile, templates, form);
    useStore.getState().chooseProfile({ ...profile, id: 'q', name: 'Q' });
    expect(useStore.getState().profileTemplates).toMatchObject({ p: templates, q: { templates: [], templateProblems: [] } });
    useStore.getState().chooseProfile(undefined);
    expect(useStore.getState().currentProfile).toBeUndefined();
  });

  it('go with a connection opened from the current profile while the form still connects as it does', () => {
    useStore.setState({ connectionProfiles: {} });
    const { chooseProfile, recordConnectionProfile } = useStore.getState();
    chooseProfile(profile, templates, form);
    recordConnectionProfile('same', { ...form, host: ' broker.EXAMPLE ', keepAlive: '10', password: 'typed' });
    recordConnectionProfile('other-broker', { ...form, host: 'elsewhere' });
    recordConnectionProfile('other-client', { ...form, clientId: 'd' });
    expect(Object.keys(useStore.getState().connectionProfiles)).toEqual(['same']);
    useStore.getState().renameProfile({ ...profile, name: 'P2' });
    expect(useStore.getState().connectionProfiles.same.name).toBe('P2');
    useStore.getState().forgetProfile('p');
    expect(useStore.getState().connectionProfiles).toEqual({});
  });

  it('are no connection’s when no profile is current', () => {
    useStore.getState().chooseProfile(undefined);
    useStore.getState().recordConnectionProfile('x', form);
    expect(useStore.getState().connectionProfiles.x).toBeUndefined();
  });
});

describe('a closed connection tab', () => {
  it('takes what the live panels kept for it: nothing grows with the connections opened and closed', () => {
    useStore.setState({ publishHistory: {}, publishForms: {}, subscribeForms: {}, publishNotes: {}, repeats: {} });
    const state = useStore.getState();
    state.recordPublication('closed', sent('t'));
    state.setPublishForm('closed', DEFAULT_PUBLISH_FORM);
    state.setPublishNote('closed', { kind: 'sent', target: 't' });
    state.applyRepeat({ connectionId: 'closed', sent: 1, count: 1, done: true });
    state.recordPublication('kept', sent('k'));
    useStore.getState().dismiss('closed');
    const after = useStore.getState();
    expect([after.publishHistory, after.publishForms, after.publishNotes, after.repeats].map((record) => Object.keys(record))).toEqual([['kept'], [], [], []]);
  });
});
