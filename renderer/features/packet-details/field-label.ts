// The line a field shows in the tree: its label, a secret masked until revealed, and a long value
// (a payload's text runs to megabytes) cut, so the tree draws a line, not the payload.
import type { Field } from '@shared/mqtt';
import { FIELD_KEYS } from '@shared/mqtt/field-keys';
import { isSecret, SECRET_MASK } from '@shared/mqtt/secrets';
import { formatCount } from '../../ui/format';
import { LABEL_CHARS } from '../../limits';


/** A secret's line shows its mask until revealed: the password's label is masked by the decoder,
 *  Authentication Data's here. */
function fullLabel(field: Field, revealSecrets: boolean): string {
  if (!isSecret(field)) return field.label;
  if (!revealSecrets) return field.length === 0 ? field.label : `${field.name}: ${SECRET_MASK}`;
  return field.key === FIELD_KEYS.password ? `${field.name}: ${String(field.value)}` : field.label;
}

/** A label past LABEL_CHARS: its start and the field's size, `Message (text): {"a":…… (70,000 bytes)`. */
export function cutLabel(label: string, bytes: number): string {
  if (label.length <= LABEL_CHARS) return label;
  // Never half a surrogate pair at the cut.
  const end = /[\ud800-\udbff]/.test(label[LABEL_CHARS - 1]) ? LABEL_CHARS - 1 : LABEL_CHARS;
  return `${label.slice(0, end)}… (${formatCount(bytes)} bytes)`;
}

export const fieldLine = (field: Field, revealSecrets: boolean): string => cutLabel(fullLabel(field, revealSecrets), field.length);
