// The publish templates of the profile the active connection was opened from: fill the form with
// one, save the form as one, delete one. Templates that did not read are listed, never hidden. A
// connection opened otherwise has none: saved, they would land with an unrelated profile.
import { useState } from 'react';
import type { PublishTemplate } from '@shared/model/publish-template';
import { useActiveConnection, useStore } from '../../store';
import { NO_TEMPLATES } from '../../store/profile-slice';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { LabelledField } from '../connection-form/form-controls';
import { payloadPreview } from './payload-preview';

interface PublishTemplatesProps {
  /** The form as a template, or the message that says why it is not one yet. */
  current(name: string): PublishTemplate | string;
  onUse(template: PublishTemplate): void;
}

export function PublishTemplates({ current, onUse }: PublishTemplatesProps) {
  const api = useStore((state) => state.api);
  const connection = useActiveConnection();
  const profile = useStore((state) => (connection ? state.connectionProfiles[connection.id] : undefined));
  const { templates, templateProblems } = useStore((state) => (profile && state.profileTemplates[profile.id]) || NO_TEMPLATES);
  const setProfileTemplates = useStore((state) => state.setProfileTemplates);
  const { busy, error, run } = useAction();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string>();
  const [saved, setSaved] = useState<string>();

  if (!profile) {
    return (
      <details className="publish-templates">
        <summary>Templates</summary>
        <p className="muted">Templates are kept with a profile: open this broker’s profile under Profiles (or save one) and connect from it to keep templates with its connections.</p>
      </details>
    );
  }

  function save() {
    const template = current(name);
    setSaved(undefined);
    if (typeof template === 'string') return setNameError(template);
    setNameError(undefined);
    void run(async () => {
      setProfileTemplates(profile!.id, await api!.request('profiles.saveTemplate', { id: profile!.id, template }));
      setSaved(`Saved “${template.name}” with the profile “${profile!.name}”.`);
    });
  }

  return (
    <details className="publish-templates" open={templates.length > 0 || undefined}>
      <summary>Templates of “{profile.name}” ({templates.length})</summary>
      {templates.length > 0 && (
        <ul className="live-list" aria-label="Publish templates">
          {templates.map((template) => (
            <li key={template.name}>
              <button type="button" className="small template-use" title="Fill the form with this template" onClick={() => onUse(template)}>
                {template.name}
              </button>
              <span className="live-list-main muted">
                <code>{template.publication.topic}</code> {payloadPreview(template.publication.payloadHex, template.payloadFormat)}
              </span>
              <button
                type="button"
                className="small"
                aria-label={`Delete template ${template.name}`}
                disabled={busy}
                onClick={() => void run(async () => setProfileTemplates(profile.id, await api!.request('profiles.deleteTemplate', { id: profile.id, name: template.name })))}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="live-row grow-first">
        <LabelledField name="templateName" label="Template name" error={nameError} hint={templates.some((template) => template.name === name.trim()) ? `Saves over “${name.trim()}”` : undefined}>
          {(props) => <input {...props} value={name} autoComplete="off" onChange={(event) => setName(event.target.value)} />}
        </LabelledField>
        <button type="button" className="small" disabled={busy || !api} onClick={save}>
          Save as template
        </button>
      </div>
      {saved && (
        <p className="field-hint" role="status">
          {saved}
        </p>
      )}
      <ErrorAlert error={error} />
      {templateProblems.length > 0 && (
        <ul className="problems" aria-label="Templates that could not be read">
          {templateProblems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </details>
  );
}
