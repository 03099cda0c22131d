// A publication kept by name with a profile, and the format its payload was written in. Each
// template of a profile file is checked on its own: a corrupt one is reported and left in the
// file as it is, the others still load.
import { z } from 'zod';
import { livePublicationSchema, type LivePublication } from './live-actions';
import { PAYLOAD_FORMATS, type PayloadFormat } from './payload-encoding';
import { MAX_TEMPLATES_PER_PROFILE } from '../limits';

export const templateNameSchema = z.string().trim().min(1, 'A template needs a name').max(200, 'A template name is at most 200 characters');

export const publishTemplateSchema = z.object({
  name: templateNameSchema,
  publication: livePublicationSchema,
  payloadFormat: z.enum(PAYLOAD_FORMATS.map(([format]) => format) as [PayloadFormat, ...PayloadFormat[]]),
}).strict();

export interface PublishTemplate {
  name: string;
  publication: LivePublication;
  payloadFormat: PayloadFormat;
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.map(String).join('.') || 'template'}: ${issue.message}`).join('; ');
}

/** The templates that read, and a sentence for each that does not (named when it has a name). */
export function readTemplates(raw: readonly unknown[] | undefined): { templates: PublishTemplate[]; problems: string[] } {
  const templates: PublishTemplate[] = [];
  const problems: string[] = [];
  for (const [index, entry] of (raw ?? []).entries()) {
    const parsed = publishTemplateSchema.safeParse(entry);
    if (parsed.success) templates.push(parsed.data);
    else {
      const name = (entry as { name?: unknown } | null)?.name;
      problems.push(`Template ${index + 1}${typeof name === 'string' ? ` (“${name}”)` : ''} could not be read: ${describeIssues(parsed.error)}`);
    }
  }
  return { templates, problems };
}

/** The stored templates with this one in place of the one of its name (or added at the end);
 *  entries that do not read are kept as they are. */
export function withTemplate(raw: readonly unknown[] | undefined, template: PublishTemplate): unknown[] {
  const list = [...(raw ?? [])];
  const at = list.findIndex((entry) => publishTemplateSchema.safeParse(entry).success && (entry as PublishTemplate).name === template.name);
  if (at >= 0) list[at] = template;
  else if (list.length >= MAX_TEMPLATES_PER_PROFILE) throw new Error(`A profile keeps at most ${MAX_TEMPLATES_PER_PROFILE} templates: delete one first`);
  else list.push(template);
  return list;
}

/** The stored templates without the one of this name. */
export function withoutTemplate(raw: readonly unknown[] | undefined, name: string): unknown[] {
  return (raw ?? []).filter((entry) => !(publishTemplateSchema.safeParse(entry).success && (entry as PublishTemplate).name === name));
}
