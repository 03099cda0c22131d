// Templates as a profile keeps them: each checked on its own, a corrupt one reported and kept.
import { describe, expect, it } from 'vitest';
import { readTemplates, withoutTemplate, withTemplate, type PublishTemplate } from './publish-template';
import { MAX_TEMPLATES_PER_PROFILE } from '../limits';

const template = (name: string, topic = 'a/b'): PublishTemplate => ({ name, publication: { topic, payloadHex: '6869', qos: 1, retain: false }, payloadFormat: 'text' });

describe('readTemplates', () => {
  it('keeps the templates that read and reports each that does not, by number and name', () => {
    const raw = [template('good'), { name: 'bad hex', publication: { topic: 't', payloadHex: 'xyz', qos: 0, retain: false }, payloadFormat: 'text' }, 'not an object', { ...template('odd format'), payloadFormat: 'yaml' }];
    const { templates, problems } = readTemplates(raw);
    expect(templates).toEqual([template('good')]);
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/^Template 2 \(“bad hex”\) could not be read: publication\.payloadHex: The payload travels as hex/);
    expect(problems[1]).toMatch(/^Template 3 could not be read/);
    expect(problems[2]).toMatch(/^Template 4 \(“odd format”\).*payloadFormat/);
  });

  it('reads none from a profile without templates', () => {
    expect(readTemplates(undefined)).toEqual({ templates: [], problems: [] });
  });
});

describe('withTemplate and withoutTemplate', () => {
  it('replaces the template of the same name, adds a new one at the end, and keeps corrupt entries', () => {
    const corrupt = { name: 'broken' };
    const raw = [template('one'), corrupt, template('two')];
    expect(withTemplate(raw, template('one', 'changed'))).toEqual([template('one', 'changed'), corrupt, template('two')]);
    expect(withTemplate(raw, template('three'))).toEqual([...raw, template('three')]);
    expect(withoutTemplate(raw, 'one')).toEqual([corrupt, template('two')]);
    // A corrupt entry is not deleted by a name it seems to have.
    expect(withoutTemplate(raw, 'broken')).toEqual(raw);
  });

  it('refuses a template past the most a profile keeps, but still replaces one', () => {
    const full = Array.from({ length: MAX_TEMPLATES_PER_PROFILE }, (_, index) => template(`t${index}`));
    expect(() => withTemplate(full, template('one more'))).toThrow(`A profile keeps at most ${MAX_TEMPLATES_PER_PROFILE} templates`);
    expect(withTemplate(full, template('t0', 'x'))[0]).toEqual(template('t0', 'x'));
  });
});
