// The MQTT 5 PUBLISH properties (v5 3.3.2.3), folded away until wanted, or until one of them is
// wrong: an error is never hidden in a folded section.
import { useEffect, useState } from 'react';
import type { PublishField } from '@shared/model/publish-form';
import { PublishCheck, PublishText, type PublishBinding } from './publish-controls';

const PROPERTY_FIELDS: readonly PublishField[] = ['payloadIsUtf8', 'messageExpiryInterval', 'contentType', 'responseTopic', 'correlationData', 'topicAlias', 'userProperties'];

export function PublishProperties({ binding }: { binding: PublishBinding }) {
  const [open, setOpen] = useState(false);
  const wrong = PROPERTY_FIELDS.some((field) => binding.errors[field]);
  useEffect(() => {
    if (wrong) setOpen(true);
  }, [wrong]);
  return (
    <details className="publish-properties" open={open} onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>MQTT 5 properties</summary>
      <div className="live-grid">
        <PublishCheck binding={binding} name="payloadIsUtf8" label="Payload is UTF-8 text" hint="Payload format indicator 1" />
        <PublishText binding={binding} name="messageExpiryInterval" label="Message expiry (s)" numeric />
        <PublishText binding={binding} name="contentType" label="Content type" />
        <PublishText binding={binding} name="responseTopic" label="Response topic" />
        <PublishText binding={binding} name="correlationData" label="Correlation data (hex)" />
        <PublishText binding={binding} name="topicAlias" label="Topic alias" numeric />
        <PublishText binding={binding} name="userProperties" label="User properties" hint="One key=value a line" multiline />
      </div>
    </details>
  );
}
