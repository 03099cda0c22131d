// Publish and subscribe on the active connection, in one row of the inspector, shown when opened
// from the connection's actions (like Compare): open, the two panels take some 400 px, which at
// a laptop's 800 px would push the packet list and Packet details out of view after every
// connect (e2e/layout.spec.ts), and even a folded row's summary line costs the last 30 px.
import { useActiveConnection, useStore } from '../../store';
import { liveAvailability } from './live-connection';
import { PublishPanel } from './PublishPanel';
import { SubscriptionsPanel } from './SubscriptionsPanel';

export function LiveActions() {
  const connection = useActiveConnection();
  const open = useStore((state) => state.liveActionsOpen);
  if (!connection || !open) return null;
  const availability = liveAvailability(connection);
  return (
    <>
      {!availability.live && (
        <p className="banner banner-warning" role="note">
          Publishing and subscribing need a live connection this app opened. {availability.reason}
        </p>
      )}
      <div className="live-actions-panels">
        {/* Keyed by connection: what a panel holds for itself (problems shown, a request's
            failure) is the connection's it was shown for; the forms are kept in the store. */}
        <PublishPanel key={`publish-${connection.id}`} />
        <SubscriptionsPanel key={`subscriptions-${connection.id}`} />
      </div>
    </>
  );
}
