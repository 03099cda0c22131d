// Connecting with the connection form's values, however Connect was chosen (the form's button or
// the command palette): the same request, and the same record of which profile and form opened it.
import type { EngineApi } from '@shared/contract';
import type { ConnectFormValues, OpenConnection } from '@shared/model/connect-form';
import type { ConnectOptions } from '@shared/model/connect-options';
import { useStore } from '../../store';
import type { ConnectionView } from '../../store/connections-slice';
import { labelsOf } from '../connections/connection-label';

/** This app's connections that are open now, named as their tabs are (`#2` and all): the ones a
 *  new connection with the same client id would take over. */
export function openClientConnections(connections: Record<string, ConnectionView>): (OpenConnection & { id: string })[] {
  const labels = labelsOf(connections);
  return Object.values(connections)
    .filter((view) => view.options && view.story.origin === 'client' && (view.status === 'connecting' || view.status === 'connected'))
    .map((view) => ({ id: view.id, label: labels.get(view.id)!, host: view.options!.host, port: view.options!.port, clientId: view.story.connack?.assignedClientId ?? view.options!.clientId }));
}

/** Opens a connection with `options`, read from the form's `values`; it shows at once, keeps the
 *  profile it was opened from when the form still connects as that profile does, and is the
 *  form's own (the form does not warn of it as another connection). */
export async function openFormConnection(api: EngineApi, values: ConnectFormValues, options: ConnectOptions): Promise<string> {
  // A view the person went to while the connection was being opened is not taken from them.
  const viewAsked = useStore.getState().view;
  const { connectionId } = await api.request('connection.open', options);
  const { openConnection, recordConnectionProfile, formOpened } = useStore.getState();
  openConnection(connectionId, options, useStore.getState().view === viewAsked);
  recordConnectionProfile(connectionId, values);
  formOpened(connectionId);
  return connectionId;
}
