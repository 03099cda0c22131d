// Labelled controls bound to one value each of the Publish form, with its error beneath.
import type { PublishField, PublishFormErrors, PublishFormValues } from '@shared/model/publish-form';
import { LabelledField } from '../connection-form/form-controls';

export interface PublishBinding {
  values: PublishFormValues;
  errors: PublishFormErrors;
  update<K extends PublishField>(name: K, value: PublishFormValues[K]): void;
}

type TextField = { [K in PublishField]: PublishFormValues[K] extends string ? K : never }[PublishField];
type FlagField = { [K in PublishField]: PublishFormValues[K] extends boolean ? K : never }[PublishField];

export function PublishText({ binding, name, label, hint, numeric, multiline, disabled }: { binding: PublishBinding; name: TextField; label: string; hint?: string; numeric?: boolean; multiline?: boolean; disabled?: boolean }) {
  const change = (text: string) => binding.update(name, text as never);
  return (
    <LabelledField name={name} label={label} error={binding.errors[name]} hint={hint}>
      {(props) =>
        multiline ? (
          <textarea {...props} rows={3} spellCheck={false} disabled={disabled} value={binding.values[name]} onChange={(event) => change(event.target.value)} />
        ) : (
          <input {...props} type="text" inputMode={numeric ? 'numeric' : undefined} autoComplete="off" spellCheck={false} disabled={disabled} value={binding.values[name]} onChange={(event) => change(event.target.value)} />
        )
      }
    </LabelledField>
  );
}

export function PublishCheck({ binding, name, label, hint }: { binding: PublishBinding; name: FlagField; label: string; hint?: string }) {
  return (
    <LabelledField name={name} label={label} error={binding.errors[name]} hint={hint} inline>
      {(props) => <input {...props} type="checkbox" checked={binding.values[name]} onChange={(event) => binding.update(name, event.target.checked as never)} />}
    </LabelledField>
  );
}

export function PublishSelect<K extends TextField>({ binding, name, label, options }: { binding: PublishBinding; name: K; label: string; options: readonly (readonly [PublishFormValues[K], string])[] }) {
  return (
    <LabelledField name={name} label={label} error={binding.errors[name]}>
      {(props) => (
        <select {...props} value={binding.values[name]} onChange={(event) => binding.update(name, event.target.value as PublishFormValues[K])}>
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </LabelledField>
  );
}

export const QOS_CHOICES = [
  ['0', '0 At most once'],
  ['1', '1 At least once'],
  ['2', '2 Exactly once'],
] as const;
