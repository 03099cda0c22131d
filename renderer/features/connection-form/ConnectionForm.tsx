// The connection form: what to connect to and how, every option the engine supports. Values are
// checked here with a message next to each wrong field, and combinations the broker will refuse
// are said before connecting. Fields that do not apply to the chosen version are not shown.
import { useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import { DEFAULT_PORTS, formWarnings, parseBrokerUrl, parseConnectForm, TRANSPORTS, type ConnectFormErrors, type ConnectFormValues } from '@shared/model/connect-form';
import { PROTOCOL_VERSIONS } from '@shared/model/connect-options';
import { useActiveConnection, useStore } from '../../store';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Checkbox, PemFile, Select, TextInput, type FormBinding } from './form-controls';

const TRANSPORT_TEXT = { mqtt: 'mqtt:// (TCP)', mqtts: 'mqtts:// (TLS)', ws: 'ws:// (WebSocket)', wss: 'wss:// (WebSocket over TLS)' } as const;
const QOS_OPTIONS = [['0', '0'], ['1', '1'], ['2', '2']] as const;

function randomClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `mqttscope-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

export function ConnectionForm() {
  const values = useStore((state) => state.form);
  const setValues = useStore((state) => state.setForm);
  const api = useStore((state) => state.api);
  const openConnection = useStore((state) => state.openConnection);
  const active = useActiveConnection();
  const [errors, setErrors] = useState<ConnectFormErrors>({});
  const [requestError, setRequestError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const canDisconnect = !!active?.options && (active.status === 'connecting' || active.status === 'connected');
  const v5 = values.protocolVersion === '5';
  const secure = values.transport === 'mqtts' || values.transport === 'wss';
  const warnings = formWarnings(values);

  const binding: FormBinding = {
    values,
    errors,
    update: (name, value) => {
      setValues((current) => ({ ...current, [name]: value }));
      setErrors((current) => ({ ...current, [name]: undefined }));
      setConfirming(false);
    },
  };

  function fill(update: Partial<ConnectFormValues>) {
    setValues((current) => ({ ...current, ...update }));
    setErrors({});
  }

  function changeTransport(transport: ConnectFormValues['transport']) {
    // Follow the port along when it was the previous transport's usual one.
    const port = values.port === String(DEFAULT_PORTS[values.transport]) ? String(DEFAULT_PORTS[transport]) : values.port;
    fill({ transport, port });
  }

  /** A broker URL pasted into the URL or Host field fills the form. */
  function pasteUrl(event: ClipboardEvent<HTMLElement>) {
    const parsed = parseBrokerUrl(event.clipboardData.getData('text'));
    if (!parsed) return;
    event.preventDefault();
    fill(parsed);
  }

  async function connect(event: FormEvent) {
    event.preventDefault();
    setRequestError(undefined);
    const parsed = parseConnectForm(values);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      // The first wrong field in the form's order takes the focus.
      const controls = [...(formRef.current?.querySelectorAll<HTMLElement>('[name]') ?? [])];
      controls.find((control) => control.getAttribute('name')! in parsed.errors)?.focus();
      return;
    }
    if (warnings.length > 0 && !confirming) {
      setConfirming(true);
      return;
    }
    if (!api) return;
    setConfirming(false);
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

  /** `abort` closes the socket without a DISCONNECT, so the broker publishes the will. */
  async function disconnect(mode: 'disconnect' | 'abort' = 'disconnect') {
    if (!api || !active) return;
    try {
      await api.request('connection.close', { connectionId: active.id, mode });
    } catch (error) {
      setRequestError((error as Error).message);
    }
  }

  const clientIdHint = values.clientId === '' ? (v5 ? 'Empty: the broker assigns one' : 'Empty: the broker assigns one (clean session only)') : undefined;

  return (
    <form ref={formRef} className="connection-form" aria-label="Connection" noValidate onSubmit={connect}>
      <h2>Connection</h2>
      <div className="field">
        <label htmlFor="broker-url">Broker URL</label>
        <input
          id="broker-url"
          placeholder="mqtt://user:pass@host:1883"
          autoComplete="off"
          spellCheck={false}
          onPaste={pasteUrl}
          onKeyDown={(event) => {
            if (event.key !== 'Enter') return;
            event.preventDefault();
            const parsed = parseBrokerUrl(event.currentTarget.value);
            if (parsed) fill(parsed);
            else setErrors({ host: 'That is not an mqtt://, mqtts://, ws:// or wss:// URL' });
          }}
        />
        <span className="field-hint">Paste a URL to fill the form</span>
      </div>
      <Select binding={{ ...binding, update: (_name, value) => changeTransport(value as ConnectFormValues['transport']) }} name="transport" label="Transport" options={TRANSPORTS.map((transport) => [transport, TRANSPORT_TEXT[transport]] as const)} />
      <div className="field-row" onPaste={pasteUrl}>
        <TextInput binding={binding} name="host" label="Host" />
        <TextInput binding={binding} name="port" label="Port" numeric />
      </div>
      {(values.transport === 'ws' || values.transport === 'wss') && <TextInput binding={binding} name="wsPath" label="WebSocket path" />}
      <Select binding={binding} name="protocolVersion" label="MQTT version" options={PROTOCOL_VERSIONS.map((version) => [version, version] as const)} />
      <TextInput binding={binding} name="clientId" label="Client ID" hint={clientIdHint} />
      <div className="button-row">
        <button type="button" className="small" onClick={() => binding.update('clientId', randomClientId())}>
          Generate
        </button>
        <button type="button" className="small" onClick={() => binding.update('clientId', '')}>
          Empty
        </button>
      </div>
      <Checkbox binding={binding} name="clean" label={v5 ? 'Clean start' : 'Clean session'} />
      <TextInput binding={binding} name="keepAlive" label="Keep alive" numeric hint="seconds; 0 turns it off" />
      <TextInput binding={binding} name="username" label="Username" />
      <TextInput binding={binding} name="password" label="Password" type="password" />

      {secure && (
        <fieldset>
          <legend>TLS</legend>
          <PemFile binding={binding} name="caPem" label="CA certificate" />
          <PemFile binding={binding} name="certPem" label="Client certificate" />
          <PemFile binding={binding} name="keyPem" label="Client key" />
          <TextInput binding={binding} name="passphrase" label="Key passphrase" type="password" />
          <TextInput binding={binding} name="serverName" label="Server name (SNI)" hint="The host by default" />
          <Checkbox binding={binding} name="verify" label="Verify the broker's certificate" />
        </fieldset>
      )}

      <details open={values.willTopic !== '' || !!errors.willTopic}>
        <summary>Will</summary>
        <TextInput binding={binding} name="willTopic" label="Will topic" hint="The will is sent when it has a topic" />
        <TextInput binding={binding} name="willPayload" label="Will payload" />
        <Select binding={binding} name="willQos" label="Will QoS" options={QOS_OPTIONS} />
        <Checkbox binding={binding} name="willRetain" label="Will retain" />
        {v5 && (
          <>
            <TextInput binding={binding} name="willDelay" label="Will delay" numeric hint="seconds (MQTT 5)" />
            <TextInput binding={binding} name="willMessageExpiry" label="Will message expiry" numeric hint="seconds (MQTT 5)" />
            <TextInput binding={binding} name="willContentType" label="Will content type" />
            <TextInput binding={binding} name="willResponseTopic" label="Will response topic" />
            <Checkbox binding={binding} name="willPayloadIsText" label="Will payload is UTF-8 text" />
          </>
        )}
      </details>

      {v5 && (
        <details>
          <summary>MQTT 5 properties</summary>
          <TextInput binding={binding} name="sessionExpiry" label="Session expiry interval" numeric hint="seconds; empty or 0 ends the session at disconnect" />
          <TextInput binding={binding} name="receiveMaximum" label="Receive maximum" numeric />
          <TextInput binding={binding} name="maximumPacketSize" label="Maximum packet size" numeric hint="bytes" />
          <TextInput binding={binding} name="topicAliasMaximum" label="Topic alias maximum" numeric />
          <Checkbox binding={binding} name="requestResponseInformation" label="Request response information" />
          <Checkbox binding={binding} name="requestProblemInformation" label="Request problem information" />
          <TextInput binding={binding} name="userProperties" label="User properties" multiline hint="key=value, one a line" />
          <TextInput binding={binding} name="authenticationMethod" label="Authentication method" />
        </details>
      )}

      <details open={values.subscriptions !== '' || values.publishTopic !== ''}>
        <summary>After connecting</summary>
        <TextInput binding={binding} name="subscriptions" label="Subscribe to" multiline hint="topic/filter qos, one a line" />
        <TextInput binding={binding} name="publishTopic" label="Publish to" hint="one message after the subscriptions, when it has a topic" />
        {values.publishTopic !== '' && (
          <>
            <TextInput binding={binding} name="publishPayload" label="Message" />
            <Select binding={binding} name="publishQos" label="Message QoS" options={QOS_OPTIONS} />
            <Checkbox binding={binding} name="publishRetain" label="Retain the message" />
          </>
        )}
        <TextInput binding={binding} name="connectDelay" label="Delay before CONNECT" numeric hint="milliseconds after TCP; shows the broker's connect timeout" />
        <TextInput binding={binding} name="connackTimeout" label="CONNACK timeout" numeric hint="milliseconds; 10 000 by default" />
        <Checkbox binding={binding} name="noPings" label="Send no PINGREQ" hint="to see the broker's keep-alive timeout" />
      </details>

      {warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {warnings.map((warning) => (
            <li key={warning.message}>{warning.message}</li>
          ))}
        </ul>
      )}
      {confirming && (
        <div className="confirm" role="alert">
          <p>The broker is likely to refuse this, or it is unsafe (see the warnings). Connect anyway to see what happens.</p>
          <div className="button-row">
            <button type="submit">Connect anyway</button>
            <button type="button" onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      <div className="form-actions">
        <button type="submit" disabled={busy || !api} data-shortcut="connect" aria-keyshortcuts="Control+Enter" title="Connect (Ctrl+Enter)">
          Connect
        </button>
        <button type="button" disabled={!canDisconnect} onClick={() => void disconnect()} data-shortcut="disconnect" aria-keyshortcuts="Control+." title="Disconnect (Ctrl+.)">
          Disconnect
        </button>
        <button type="button" disabled={!canDisconnect} onClick={() => void disconnect('abort')} title="Close the socket without a DISCONNECT: the broker publishes the will">
          Drop connection
        </button>
      </div>
      <ErrorAlert error={requestError} />
    </form>
  );
}
