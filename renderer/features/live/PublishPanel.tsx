// Publish on the active connection: topic, payload (text, JSON, hex or Base64), QoS, retain and
// the MQTT 5 properties; once or repeated; from the history or a template of the profile.
import { useState } from 'react';
import type { LivePublication } from '@shared/model/live-actions';
import { PAYLOAD_FORMATS, type PayloadFormat } from '@shared/model/payload-encoding';
import { parsePublishForm, parseRepeat, publishFormOf, withPayloadFormat, type PublishFormErrors, type PublishFormValues, type Repeat } from '@shared/model/publish-form';
import { templateNameSchema, type PublishTemplate } from '@shared/model/publish-template';
import { useActiveConnection, useStore } from '../../store';
import { publishFormFor, type PublishNote, type SentPublication } from '../../store/live-slice';
import type { RepeatProgress } from '@shared/model/live-actions';
import { onSubmitShortcut } from '../../ui/keyboard';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useAction } from '../../ui/useAction';
import { liveAvailability } from './live-connection';
import { PublishCheck, PublishSelect, PublishText, QOS_CHOICES, type PublishBinding } from './publish-controls';
import { PublishHistory } from './PublishHistory';
import { PublishProperties } from './PublishProperties';
import { PublishTemplates } from './PublishTemplates';
import { RepeatControls } from './RepeatControls';

const NO_HISTORY: SentPublication[] = [];

/** The line beside Publish: what the last publication did; a repeat's follows its progress. */
function noteText(note: PublishNote, progress: RepeatProgress | undefined): string {
  if (note.kind === 'sent') return `Sent to ${note.target}${note.packetId !== undefined ? ` (packet identifier ${note.packetId})` : ''}.`;
  if (!progress?.done) return `Repeating to ${note.target}.`;
  return progress.stopped ? `Stopped repeating to ${note.target}.` : `Repeated to ${note.target}.`;
}

export function PublishPanel() {
  const connection = useActiveConnection();
  const api = useStore((state) => state.api);
  const history = useStore((state) => (connection ? state.publishHistory[connection.id] : undefined)) ?? NO_HISTORY;
  const progress = useStore((state) => (connection ? state.repeats[connection.id] : undefined));
  const recordPublication = useStore((state) => state.recordPublication);
  const applyRepeat = useStore((state) => state.applyRepeat);
  const values = useStore((state) => publishFormFor(state, connection?.id));
  const setPublishForm = useStore((state) => state.setPublishForm);
  const note = useStore((state) => (connection ? state.publishNotes[connection.id] : undefined));
  const setPublishNote = useStore((state) => state.setPublishNote);
  const [errors, setErrors] = useState<PublishFormErrors>({});
  const { busy, error, run } = useAction();
  const availability = liveAvailability(connection);
  const v5 = availability.live ? availability.v5 : connection?.options?.protocolVersion === '5';
  // Busy is not disabled: a disabled button drops the keyboard's focus to the page's start.
  const canReach = availability.live && !!api;
  const canSend = canReach && !busy;
  const setValues = (next: PublishFormValues) => connection && setPublishForm(connection.id, next);

  const binding: PublishBinding = {
    values,
    errors,
    update: (name, value) => {
      const next = name === 'payloadFormat' ? withPayloadFormat(values, value as PayloadFormat) : { ...values, [name]: value };
      setValues(next);
      // Once a problem is shown, it follows the typing: it goes when fixed.
      if (Object.keys(errors).length > 0) setErrors(problemsOf(next));
    },
  };

  function problemsOf(form: PublishFormValues): PublishFormErrors {
    const parsed = parsePublishForm(form, v5);
    return parsed.ok ? {} : parsed.errors;
  }

  function send(publication: LivePublication, payloadFormat: PayloadFormat, repeat?: Repeat) {
    if (!connection || !api) return;
    const connectionId = connection.id;
    setPublishNote(connectionId, undefined);
    const progressBefore = useStore.getState().repeats[connectionId];
    void run(async () => {
      const result = await api.request('connection.publish', { connectionId, publication, ...(repeat ? { repeat } : {}) });
      // Progress shows from the start, even before the engine's first word on it.
      if (repeat && result.repeating && useStore.getState().repeats[connectionId] === progressBefore) applyRepeat({ connectionId, sent: 0, count: repeat.count, done: false });
      recordPublication(connectionId, { publication, payloadFormat, at: Date.now(), ...(repeat ? { repeat } : {}) });
      const target = publication.topic || `topic alias ${publication.properties?.topicAlias}`;
      setPublishNote(connectionId, repeat ? { kind: 'repeat', target } : { kind: 'sent', target, ...(result.packetId !== undefined ? { packetId: result.packetId } : {}) });
    });
  }

  function submit(withRepeat: boolean) {
    if (!canSend || !connection) return;
    const parsed = parsePublishForm(values, v5);
    const repeat = withRepeat ? parseRepeat(values) : undefined;
    const problems = { ...(parsed.ok ? {} : parsed.errors), ...(repeat && !repeat.ok ? repeat.errors : {}) };
    setErrors(problems);
    if (!parsed.ok || (repeat && !repeat.ok)) {
      // The last one's "Sent to …" would read as this attempt's outcome.
      setPublishNote(connection.id, undefined);
      return;
    }
    send(parsed.value, values.payloadFormat, repeat?.value);
  }

  function fill(publication: LivePublication, payloadFormat: PayloadFormat) {
    setValues(publishFormOf(publication, payloadFormat, values));
    setErrors({});
  }

  /** The form as a template of this name, or what stops it being one. */
  function asTemplate(name: string): PublishTemplate | string {
    const checkedName = templateNameSchema.safeParse(name);
    if (!checkedName.success) return checkedName.error.issues[0].message;
    const parsed = parsePublishForm(values, v5);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      return 'Fix the form before saving it as a template.';
    }
    return { name: checkedName.data, publication: parsed.value, payloadFormat: values.payloadFormat };
  }

  return (
    <section
      className="card live-panel publish-panel"
      aria-labelledby="publish-title"
      data-own-submit
      onKeyDown={onSubmitShortcut(() => submit(false))}
    >
      <h2 id="publish-title">Publish</h2>
      <form
        noValidate
        aria-label="Publish"
        onSubmit={(event) => {
          event.preventDefault();
          submit(false);
        }}
      >
        <div className="live-row grow-first">
          <PublishText binding={binding} name="topic" label="Topic" />
          <PublishSelect binding={binding} name="qos" label="QoS" options={QOS_CHOICES} />
          <PublishCheck binding={binding} name="retain" label="Retain" />
        </div>
        <div className="live-row">
          <PublishSelect binding={binding} name="payloadFormat" label="Payload as" options={PAYLOAD_FORMATS} />
        </div>
        <PublishText binding={binding} name="payload" label="Payload" multiline />
        {v5 && <PublishProperties binding={binding} />}
        <div className="button-row">
          <button type="submit" disabled={!canReach} aria-disabled={busy || undefined} aria-keyshortcuts="Control+Enter" title="Publish (Ctrl+Enter)">
            Publish
          </button>
          {note && (
            <span className="muted" role="status">
              {noteText(note, progress)}
            </span>
          )}
        </div>
        <RepeatControls
          binding={binding}
          progress={progress}
          canReach={canReach}
          busy={busy}
          onRepeat={() => submit(true)}
          onStop={() => void run(async () => void (await api!.request('connection.stopRepeat', { connectionId: connection!.id })))}
        />
        <ErrorAlert error={error} />
      </form>
      <PublishTemplates current={asTemplate} onUse={(template) => fill(template.publication, template.payloadFormat)} />
      <PublishHistory history={history} canSend={canSend} onSendAgain={(entry) => send(entry.publication, entry.payloadFormat)} onEdit={(entry) => fill(entry.publication, entry.payloadFormat)} />
    </section>
  );
}
