// Labelled controls bound to one form value each, with the field's error or hint beneath.
import { useId, useRef, useState, type ReactNode } from 'react';
import type { ConnectFormErrors, ConnectFormField, ConnectFormValues } from '@shared/model/connect-form';
import { optionOf, type NumberField } from '@shared/model/connect-fields';

type TextField = { [K in ConnectFormField]: ConnectFormValues[K] extends string ? K : never }[ConnectFormField];
type FlagField = { [K in ConnectFormField]: ConnectFormValues[K] extends boolean ? K : never }[ConnectFormField];

export interface FormBinding {
  values: ConnectFormValues;
  errors: ConnectFormErrors;
  update<K extends ConnectFormField>(name: K, value: ConnectFormValues[K]): void;
}

interface ControlProps {
  id: string;
  name: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}

function Field({ binding, name, label, hint, inline, children }: { binding: FormBinding; name: ConnectFormField; label: string; hint?: string; inline?: boolean; children: (props: ControlProps) => ReactNode }) {
  return (
    <LabelledField name={name} label={label} error={binding.errors[name]} hint={hint} inline={inline}>
      {children}
    </LabelledField>
  );
}

/** One labelled control with its error (or hint) beneath, for any form: the connection form's
 *  fields are bound to its values, other forms pass their own error. */
export function LabelledField({ name, label, error, hint, inline, children }: { name: string; label: string; error?: string; hint?: string; inline?: boolean; children: (props: ControlProps) => ReactNode }) {
  const id = `${useId()}-${name}`;
  const noteId = `${id}-note`;
  return (
    <div className={`field field-${name}${inline ? ' field-inline' : ''}${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, name, 'aria-invalid': error ? true : undefined, 'aria-describedby': error || hint ? noteId : undefined })}
      {error ? (
        <p id={noteId} className="field-error">
          {error}
        </p>
      ) : (
        hint && (
          <span id={noteId} className="field-hint">
            {hint}
          </span>
        )
      )}
    </div>
  );
}

/** The words of a field the options table describes; a field it does not must bring its own. */
function labelOf(name: ConnectFormField, label: string | undefined): string {
  return label ?? optionOf(name)?.label ?? name;
}

export function TextInput({ binding, name, label, hint, numeric, multiline }: { binding: FormBinding; name: TextField; label?: string; hint?: string; numeric?: boolean; multiline?: boolean }) {
  const value = binding.values[name];
  const option = optionOf(name);
  const type = option?.kind === 'text' && option.secret ? 'password' : 'text';
  const change = (text: string) => binding.update(name, text as never);
  return (
    <Field binding={binding} name={name} label={labelOf(name, label)} hint={hint}>
      {(props) =>
        multiline ? (
          <textarea {...props} rows={3} spellCheck={false} value={value} onChange={(event) => change(event.target.value)} />
        ) : (
          <input {...props} type={type} inputMode={numeric ? 'numeric' : undefined} autoComplete="off" spellCheck={false} value={value} onChange={(event) => change(event.target.value)} />
        )
      }
    </Field>
  );
}

/** A whole-number field, named as its row of the options table names it (and its messages do). */
export function NumberInput({ binding, name, hint }: { binding: FormBinding; name: NumberField; hint?: string }) {
  return <TextInput binding={binding} name={name} hint={hint} numeric />;
}

export function Checkbox({ binding, name, label, hint }: { binding: FormBinding; name: FlagField; label?: string; hint?: string }) {
  return (
    <Field binding={binding} name={name} label={labelOf(name, label)} hint={hint} inline>
      {(props) => <input {...props} type="checkbox" checked={binding.values[name]} onChange={(event) => binding.update(name, event.target.checked as never)} />}
    </Field>
  );
}

export function Select<K extends TextField>({ binding, name, label, options }: { binding: FormBinding; name: K; label?: string; options: readonly (readonly [ConnectFormValues[K], string])[] }) {
  return (
    <Field binding={binding} name={name} label={labelOf(name, label)}>
      {(props) => (
        <select {...props} value={binding.values[name]} onChange={(event) => binding.update(name, event.target.value as ConnectFormValues[K])}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A PEM file picked from disk; its text becomes the value (the engine never reads paths). The
 *  browser's own file input (with its “No file chosen”) is hidden behind one button, so the
 *  field shows one state: the file's name, or None. */
export function PemFile({ binding, name }: { binding: FormBinding; name: 'caPem' | 'certPem' | 'keyPem' }) {
  const label = labelOf(name, undefined);
  const value = binding.values[name];
  const input = useRef<HTMLInputElement>(null);
  const statusId = `${useId()}-status`;
  // The name of the file picked here; a profile brings the text without a file name.
  const [picked, setPicked] = useState<{ file: string; text: string }>();
  // "Client key" reads "client key" inside a sentence; "CA certificate" stays as it is.
  const what = label.replace(/^[A-Z](?=[a-z])/, (first) => first.toLowerCase());
  const status = value === '' ? 'None' : picked?.text === value ? picked.file : `Loaded: ${value.length} characters of PEM`;
  return (
    <Field binding={binding} name={name} label={label}>
      {(props) => (
        <span className="file-row">
          <button type="button" className="small" aria-describedby={statusId} onClick={() => input.current?.click()}>
            Choose {what} file…
          </button>
          <span id={statusId} className="file-status">
            {status}
          </span>
          {value && (
            <button type="button" className="small" onClick={() => binding.update(name, '')}>
              Clear {what}
            </button>
          )}
          <input
            {...props}
            ref={input}
            hidden
            type="file"
            accept=".pem,.crt,.cer,.key,text/plain"
            onChange={async (event) => {
              const target = event.currentTarget;
              const file = target.files?.[0];
              if (!file) return;
              const text = await file.text();
              target.value = '';
              setPicked({ file: file.name, text });
              binding.update(name, text);
            }}
          />
        </span>
      )}
    </Field>
  );
}
