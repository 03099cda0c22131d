// The MQTT 5 PUBLISH properties (v5 3.3.2.3), folded away until wanted.
import { PublishCheck, PublishText, type PublishBinding } from './publish-controls';

export function PublishProperties({ binding }: { binding: PublishBinding }) {
  return (
    <details className="publish-properties">
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
