// The connection form: what to connect to and how, every option the engine supports. Values are
// checked here with a message next to each wrong field, and combinations the broker will refuse
// are said before connecting (only those ask to be confirmed; advice does not). A broker URL,
// typed or pasted, fills the fields as it is written: the two never disagree.
import { useMemo, useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { DEFAULT_PORTS, formValuesOfUrl, formWarnings, needsConfirmation, parseConnectForm, TRANSPORTS, withFormValue, type ConnectFormErrors, type ConnectFormValues, type OpenConnection } from '@shared/model/connect-form';
import { PROTOCOL_VERSIONS } from '@shared/model/connect-options';
import { useStore } from '../../store';
import { connectionsToWarnAbout } from '../../store/form-slice';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { Checkbox, NumberInput, PemFile, Select, TextInput, type FormBinding } from './form-controls';
import { openClientConnections, openFormConnection } from './open-connection';

const TRANSPORT_TEXT = { mqtt: 'mqtt:// (TCP)', mqtts: 'mqtts:// (TLS)', ws: 'ws:// (WebSocket)', wss: 'wss:// (WebSocket over TLS)' } as const;
const QOS_OPTIONS = [['0', '0'], ['1', '1'], ['2', '2']] as const;

function randomClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return `mqttscope-${Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')}`;
}

/** This app's connections that are open now, for the takeover warning. Selected as strings so
 *  the form redraws only when one opens, closes or learns its client id, not per trace update. */
function useOpenConnections(): (OpenConnection & { id: string })[] {
  const open = useStore(useShallow((state) => openClientConnections(state.connections).map((connection) => JSON.stringify(connection))));
  return useMemo(() => open.map((text) => JSON.parse(text) as OpenConnection & { id: string }), [open]);
}

/** True when every value the URL sets is what the field holds. */
function agrees(values: ConnectFormValues, fromUrl: Partial<ConnectFormValues>): boolean {
  return Object.entries(fromUrl).every(([key, value]) => values[key as keyof ConnectFormValues] === value);
}

export function ConnectionForm() {
  const values = useStore((state) => state.form);
  const setValues = useStore((state) => state.setForm);
  const brokerUrl = useStore((state) => state.brokerUrl);
  const setBrokerUrl = useStore((state) => state.setBrokerUrl);
  const openConnections = useOpenConnections();
  const [showUrlProblem, setShowUrlProblem] = useState(false);
  const [willOpen, setWillOpen] = useState(false);
  const urlInput = useRef<HTMLInputElement>(null);
  const api = useStore((state) => state.api);
  const [errors, setErrors] = useState<ConnectFormErrors>({});
  const [requestError, setRequestError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const v5 = values.protocolVersion === '5';
  const secure = values.transport === 'mqtts' || values.transport === 'wss';
  const formConnectionId = useStore((state) => state.formConnectionId);
  const currentProfile = useStore((state) => state.currentProfile);
  const showView = useStore((state) => state.showView);
  // Asked to confirm, every warning shows, a takeover of the form's own connection too.
  const warnings = formWarnings(values, confirming ? openConnections : connectionsToWarnAbout(openConnections, formConnectionId));
  const urlRead = brokerUrl.trim() === '' ? undefined : formValuesOfUrl(brokerUrl);
  const urlProblem = urlRead && !urlRead.ok ? `${urlRead.message}. Not applied: the fields below are unchanged.` : undefined;

  /** A field edited by hand: a URL that no longer describes the fields is emptied. */
  function edit(update: (current: ConnectFormValues) => ConnectFormValues) {
    const next = update(useStore.getState().form);
    setValues(() => next);
    if (urlRead?.ok && !agrees(next, urlRead.values)) setBrokerUrl('');
    setConfirming(false);
  }

  const binding: FormBinding = {
    values,
    errors,
    update: (name, value) => {
      edit((current) => withFormValue(current, name, value));
      setErrors((current) => ({ ...current, [name]: undefined }));
    },
  };

  function fill(update: Partial<ConnectFormValues>) {
    setValues((current) => ({ ...current, ...update }));
    setErrors({});
    setConfirming(false);
  }

  /** The URL as it is typed fills the fields at every change that reads as a URL. */
  function typeUrl(text: string) {
    setBrokerUrl(text);
    setShowUrlProblem(false);
    const read = text.trim() === '' ? undefined : formValuesOfUrl(text);
    if (read?.ok) fill(read.values);
  }

  function changeTransport(transport: ConnectFormValues['transport']) {
    // Follow the port along when it was the previous transport's usual one.
    const port = values.port === String(DEFAULT_PORTS[values.transport]) ? String(DEFAULT_PORTS[transport]) : values.port;
    edit((current) => ({ ...current, transport, port }));
    setErrors({});
  }

  /** A broker URL pasted into the Host or Port field fills the form (the URL field reads its own). */
  function pasteUrl(event: ClipboardEvent<HTMLElement>) {
    const read = formValuesOfUrl(event.clipboardData.getData('text'));
    if (!read.ok) return;
    event.preventDefault();
    setBrokerUrl('');
    fill(read.values);
  }

  async function connect(event: FormEvent) {
    event.preventDefault();
    setRequestError(undefined);
    // A URL that does not read is not connected past: the fields would not be what it says.
    if (urlProblem) {
      setShowUrlProblem(true);
      urlInput.current?.focus();
      return;
    }
    // The URL was read into the fields as it was typed; read it again in case they drifted.
    const current = urlRead?.ok && !agrees(values, urlRead.values) ? { ...values, ...urlRead.values } : values;
    if (current !== values) setValues(() => current);
    const parsed = parseConnectForm(current);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      // The first wrong field in the form's order takes the focus.
      const controls = [...(formRef.current?.querySelectorAll<HTMLElement>('[name]') ?? [])];
      controls.find((control) => control.getAttribute('name')! in parsed.errors)?.focus();
      return;
    }
    if (needsConfirmation(formWarnings(current, openConnections)) && !confirming) {
      setConfirming(true);
      // Asked from elsewhere (Ctrl+Enter in another view): the question is shown where it is asked.
      showView('form');
      return;
    }
    if (!api) return;
    setConfirming(false);
    setBusy(true);
    try {
      await openFormConnection(api, current, parsed.options);
    } catch (error) {
      setRequestError((error as Error).message);
    } finally {
      setBusy(false);
    }
  }

  const clientIdHint = values.clientId === '' ? (v5 ? 'Empty: the broker assigns one' : 'Empty: the broker assigns one (clean session only)') : undefined;

  return (
    <form ref={formRef} className="connection-form" aria-label="Connection" noValidate onSubmit={connect}>
      <h2>{currentProfile ? `Profile “${currentProfile.name}”` : 'New connection'}</h2>
      <div className="form-sections">
      <fieldset className="form-section">
      <legend>Broker</legend>
      <div className={`field${showUrlProblem && urlProblem ? ' field-invalid' : ''}`}>
        <label htmlFor="broker-url">Broker URL</label>
        <input
          id="broker-url"
          ref={urlInput}
          placeholder="mqtt://user:pass@host:1883"
          autoComplete="off"
          spellCheck={false}
          value={brokerUrl}
          aria-invalid={showUrlProblem && urlProblem ? true : undefined}
          aria-describedby="broker-url-note"
          onChange={(event) => typeUrl(event.target.value)}
          onPaste={(event) => {
            // A whole URL pasted replaces what was there.
            const text = event.clipboardData.getData('text');
            if (!formValuesOfUrl(text).ok) return;
            event.preventDefault();
            typeUrl(text.trim());
          }}
          onBlur={() => setShowUrlProblem(true)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.ctrlKey || event.metaKey) return;
            // Enter shows what the URL did; it does not connect from here.
            event.preventDefault();
            setShowUrlProblem(true);
          }}
        />
        {showUrlProblem && urlProblem ? (
          <p id="broker-url-note" className="field-error">
            {urlProblem}
          </p>
        ) : (
          <span id="broker-url-note" className="field-hint">
            {urlRead?.ok ? 'Read into the fields below' : 'Type or paste a URL to fill the fields below'}
          </span>
        )}
      </div>
      <Select binding={{ ...binding, update: (_name, value) => changeTransport(value as ConnectFormValues['transport']) }} name="transport" label="Transport" options={TRANSPORTS.map((transport) => [transport, TRANSPORT_TEXT[transport]] as const)} />
      <div className="field-row" onPaste={pasteUrl}>
        <TextInput binding={binding} name="host" />
        <NumberInput binding={binding} name="port" />
      </div>
      {(values.transport === 'ws' || values.transport === 'wss') && <TextInput binding={binding} name="wsPath" />}
      <Select binding={binding} name="protocolVersion" label="MQTT version" options={PROTOCOL_VERSIONS.map((version) => [version, version] as const)} />
      </fieldset>
      <fieldset className="form-section">
      <legend>Identity</legend>
      <TextInput binding={binding} name="clientId" hint={clientIdHint} />
      <div className="button-row">
        <button type="button" className="small" onClick={() => binding.update('clientId', randomClientId())}>
          Generate
        </button>
        <button type="button" className="small" onClick={() => binding.update('clientId', '')}>
          Empty
        </button>
      </div>
      </fieldset>
      <fieldset className="form-section">
      <legend>Session</legend>
      <Checkbox binding={binding} name="clean" label={v5 ? 'Clean start' : 'Clean session'} />
      <NumberInput binding={binding} name="keepAlive" hint="seconds; 0 turns it off" />
      </fieldset>
      <fieldset className="form-section">
      <legend>Credentials</legend>
      <TextInput binding={binding} name="username" />
      <TextInput binding={binding} name="password" />
      </fieldset>

      {secure && (
        <fieldset className="form-section">
          <legend>TLS</legend>
          <PemFile binding={binding} name="caPem" />
          <PemFile binding={binding} name="certPem" />
          <PemFile binding={binding} name="keyPem" />
          <TextInput binding={binding} name="passphrase" />
          <TextInput binding={binding} name="serverName" hint="The host by default" />
          <Checkbox binding={binding} name="verify" />
        </fieldset>
      )}

      {/* Open while it has a topic, and once opened it stays open: clearing the topic must not fold it away under the cursor. */}
      <details className="form-section" open={values.willTopic !== '' || !!errors.willTopic || willOpen} onToggle={(event) => setWillOpen(event.currentTarget.open)}>
        <summary>Will</summary>
        <TextInput binding={binding} name="willTopic" hint="The will is sent when it has a topic" />
        <TextInput binding={binding} name="willPayload" />
        <Select binding={binding} name="willQos" options={QOS_OPTIONS} />
        <Checkbox binding={binding} name="willRetain" />
        {v5 && (
          <>
            <NumberInput binding={binding} name="willDelay" hint="seconds (MQTT 5)" />
            <NumberInput binding={binding} name="willMessageExpiry" hint="seconds (MQTT 5)" />
            <TextInput binding={binding} name="willContentType" />
            <TextInput binding={binding} name="willResponseTopic" />
            <Checkbox binding={binding} name="willPayloadIsText" />
          </>
        )}
      </details>

      {v5 && (
        <details className="form-section">
          <summary>MQTT 5 properties</summary>
          <NumberInput binding={binding} name="sessionExpiry" hint="seconds; empty or 0 ends the session at disconnect" />
          <NumberInput binding={binding} name="receiveMaximum" />
          <NumberInput binding={binding} name="maximumPacketSize" hint="bytes" />
          <NumberInput binding={binding} name="topicAliasMaximum" />
          <Checkbox binding={binding} name="requestResponseInformation" />
          <Checkbox binding={binding} name="requestProblemInformation" />
          <TextInput binding={binding} name="userProperties" label="User properties" multiline hint="key=value, one a line" />
          <TextInput binding={binding} name="authenticationMethod" />
        </details>
      )}

      <details className="form-section" open={values.subscriptions !== '' || values.publishTopic !== ''}>
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
        <NumberInput binding={binding} name="connectDelay" hint="milliseconds after TCP; shows the broker's connect timeout" />
        <NumberInput binding={binding} name="connackTimeout" hint="milliseconds each for TCP, TLS, the WebSocket upgrade and the CONNACK; 10 000 by default" />
        <NumberInput binding={binding} name="ackDelay" hint="milliseconds: PUBACK and PUBREC held, to see the broker's Receive Maximum" />
        <Checkbox binding={binding} name="noPings" hint="to see the broker's keep-alive timeout" />
      </details>
      </div>
      <div className="form-footer">
      {warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {warnings.map((warning) => (
            <li key={warning.message} className={`warning-${warning.kind}`}>
              {warning.kind === 'advice' && <strong>Advice: </strong>}
              {warning.message}
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <div className="confirm" role="alert">
          <p>The broker is likely to refuse this, or it takes over a connection (see the warnings). Connect anyway to see what happens.</p>
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
      </div>
      <ErrorAlert error={requestError} />
      </div>
    </form>
  );
}
