// A packet's fields as a tree, Wireshark's names beside them: choose or hover one to light its
// bytes; fields with problems are marked.
import type { Field, Problem } from '@shared/mqtt';
import { problemsOf, type ByteRange } from './field-paths';

interface FieldTreeProps {
  fields: readonly Field[];
  problems: readonly Problem[];
  selectedPath?: string;
  revealSecrets: boolean;
  onSelect(path: string): void;
  onHover(range: ByteRange | undefined): void;
}

function labelOf(field: Field, revealSecrets: boolean): string {
  return revealSecrets && field.key === 'mqtt.passwd' ? `${field.name}: ${String(field.value)}` : field.label;
}

export function FieldTree(props: FieldTreeProps) {
  return (
    <ul className="field-tree" role="tree" aria-label="Fields">
      <Level {...props} prefix="" />
    </ul>
  );
}

function Level({ fields, prefix, ...props }: FieldTreeProps & { prefix: string }) {
  return fields.map((field, position) => {
    const path = `${prefix}${position}`;
    const children = field.children;
    const problems = problemsOf(field, props.problems);
    return (
      <li
        key={path}
        role="treeitem"
        aria-selected={props.selectedPath === path}
        aria-expanded={children ? true : undefined}
        data-path={path}
        data-offset={field.offset}
        data-length={field.length}
      >
        <span
          className={`field-line${props.selectedPath === path ? ' selected' : ''}${problems.length ? ' has-problems' : ''}`}
          title={`${field.key} — bytes ${field.offset}–${field.offset + field.length - 1}`}
          onClick={(event) => {
            event.stopPropagation();
            props.onSelect(path);
          }}
          onMouseEnter={() => props.onHover(field)}
          onMouseLeave={() => props.onHover(undefined)}
        >
          {labelOf(field, props.revealSecrets)}
          {problems.length > 0 && <span className="problem-badge" title={problems.map((problem) => problem.message).join('\n')}> ⚠</span>}
        </span>
        {children && children.length > 0 && (
          <ul role="group">
            <Level {...props} fields={children} prefix={`${path}.`} />
          </ul>
        )}
      </li>
    );
  });
}
