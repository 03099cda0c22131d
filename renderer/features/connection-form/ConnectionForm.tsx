// The connection form: what to connect to and how. Values are checked here, with a message
// next to each wrong field, before anything reaches the engine.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  parseConnectForm,
  PROTOCOL_VERSIONS,
  type ConnectFormErrors,
  type ConnectFormValues,
} from '@shared/model/connect-options';
import { useActiveConnection, useStore } from '../../store';

type FieldName = keyof ConnectFormValues;
const FIELD_ORDER: FieldName[] = ['host', 'port', 'protocolVersion', 'clientId', 'clean', 'keepAlive', 'username', 'password'];

export function ConnectionForm() {
  const values = useStore((state) => state.form);
  const setValues = useStore((state) => state.setForm);
  const [errors, setErrors] = useState<ConnectFormErrors>({});
  const [requestError, setRequestError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const api = useStore((state) => state.api);
  const openConnection = useStore((state) => state.openConnection);
  const active = useActiveConnection();
  const isOpen = active?.status === 'connecting' || active?.status === 'connected';
  const idPrefix = useId();

  function update<K extends FieldName>(name: K, value: ConnectFormValues[K]) {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: undefined }));
  }

  async function connect(event: FormEvent) {
    event.preventDefault();
    setRequestError(undefined);
    const parsed = parseConnectForm(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      const first = FIELD_ORDER.find((name) => parsed.errors[name]);
      formRef.current?.querySelector<HTMLElement>(`[name="${first}"]`)?.focus();
      return;
    }
    if (!api) return;
    setBusy(true);
    try {
      const { connectionId } = await api.request('connection.open', parsed.options);
      openConnection(connectionId, parsed.options);
    } catch (error) {
      setRequestError((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function disconnect() {
    if (!api || !active) return;
    try {
      await api.request('connection.close', { connectionId: active.id });
    } catch (error) {
      setRequestError((error as Error).message);
    }
  }

  const field = (name: FieldName, label: string, control: (props: ControlProps) => ReactNode, hint?: string) => {
    const id = `${idPrefix}-${name}`;
    const errorId = `${id}-error`;
    const error = errors[name];
    return (
      <div className={`field field-${name}${error ? ' field-invalid' : ''}`}>
        <label htmlFor={id}>{label}</label>
        {control({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? errorId : undefined })}
        {hint && !error && <span className="field-hint">{hint}</span>}
        {error && (
          <p id={errorId} className="field-error">
            {error}
          </p>
        )}
      </div>
    );
  };

  const text = (name: Exclude<FieldName, 'clean' | 'protocolVersion'>, extra: Partial<React.InputHTMLAttributes<HTMLInputElement>> = {}) =>
    (props: ControlProps) => <input {...props} {...extra} value={values[name]} onChange={(event) => update(name, event.target.value)} />;

  const cleanLabel = values.protocolVersion === '5' ? 'Clean start' : 'Clean session';

  return (
    <form ref={formRef} className="connection-form" aria-label="Connection" noValidate onSubmit={connect}>
      <h2>Connection</h2>
      {field('host', 'Host', text('host', { autoComplete: 'off', spellCheck: false }))}
      {field('port', 'Port', text('port', { inputMode: 'numeric' }))}
      {field('protocolVersion', 'MQTT version', (props) => (
        <select {...props} value={values.protocolVersion} onChange={(event) => update('protocolVersion', event.target.value as ConnectFormValues['protocolVersion'])}>
          {PROTOCOL_VERSIONS.map((version) => (
            <option key={version} value={version}>
              {version}
            </option>
          ))}
        </select>
      ))}
      {field('clientId', 'Client ID', text('clientId', { autoComplete: 'off', spellCheck: false }), values.clientId === '' ? 'Empty: the broker assigns one (clean session only)' : undefined)}
      {field('clean', cleanLabel, (props) => (
        <input {...props} type="checkbox" checked={values.clean} onChange={(event) => update('clean', event.target.checked)} />
      ))}
      {field('keepAlive', 'Keep alive', text('keepAlive', { inputMode: 'numeric' }), 'seconds; 0 turns it off')}
      {field('username', 'Username', text('username', { autoComplete: 'off' }))}
      {field('password', 'Password', text('password', { type: 'password', autoComplete: 'off' }))}
      <div className="form-actions">
        <button type="submit" disabled={busy || isOpen || !api}>
          Connect
        </button>
        <button type="button" disabled={!isOpen} onClick={disconnect}>
          Disconnect
        </button>
      </div>
      {requestError && (
        <p className="field-error" role="alert">
          {requestError}
        </p>
      )}
    </form>
  );
}

interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}
