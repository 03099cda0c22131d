// Publish and subscribe on the active connection, in one row of the inspector that folds away so
// the packets stay in view at a laptop's height. Open by default while the connection is live,
// until the person folds or opens it.
import { useState } from 'react';
import { useActiveConnection } from '../../store';
import { liveAvailability } from './live-connection';
import { PublishPanel } from './PublishPanel';
import { SubscriptionsPanel } from './SubscriptionsPanel';

export function LiveActions() {
  const connection = useActiveConnection();
  const [chosen, setChosen] = useState<boolean>();
  if (!connection) return null;
  const availability = liveAvailability(connection);
  const open = chosen ?? availability.live;
  return (
    <details
      className="live-actions-fold"
      open={open}
      onToggle={(event) => {
        if (event.currentTarget.open !== open) setChosen(event.currentTarget.open);
      }}
    >
      <summary>
        Publish &amp; subscribe{' '}
        <span className="muted">{availability.live ? `on this MQTT ${connection.options?.protocolVersion} connection` : `· ${availability.reason}`}</span>
      </summary>
      <div className="live-actions-panels">
        <PublishPanel />
        <SubscriptionsPanel />
      </div>
    </details>
  );
}
