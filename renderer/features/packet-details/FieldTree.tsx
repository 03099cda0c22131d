// A packet's fields as a tree, Wireshark's names beside them: choose or hover one to light its
// bytes; fields with problems are marked. The tree is one tab stop: Up and Down choose the field
// above or below, Left and Right fold and unfold (or go to the parent or the first child).
import { useState, type KeyboardEvent } from 'react';
import type { Field, Problem } from '@shared/mqtt';
import { fieldAtPath, problemsOf, shownPaths, type ByteRange } from './field-paths';
import { FIELD_KEYS } from '@shared/mqtt/field-keys';
import { isSecret, SECRET_MASK } from '@shared/mqtt/secrets';

interface FieldTreeProps {
  fields: readonly Field[];
  problems: readonly Problem[];
  selectedPath?: string;
  revealSecrets: boolean;
  onSelect(path: string): void;
  onHover(range: ByteRange | undefined): void;
}

interface LevelProps extends FieldTreeProps {
  prefix: string;
  tabStop?: string;
  folded: ReadonlySet<string>;
}

/** A secret's line shows its mask until revealed: the password's label is masked by the decoder,
 *  Authentication Data's here. */
function labelOf(field: Field, revealSecrets: boolean): string {
  if (!isSecret(field)) return field.label;
  if (!revealSecrets) return field.length === 0 ? field.label : `${field.name}: ${SECRET_MASK}`;
  return field.key === FIELD_KEYS.password ? `${field.name}: ${String(field.value)}` : field.label;
}

const hasChildren = (field: Field) => !!field.children && field.children.length > 0;

export function FieldTree(props: FieldTreeProps) {
  const [folded, setFolded] = useState<ReadonlySet<string>>(new Set());
  const [focused, setFocused] = useState<string>();
  const shown = shownPaths(props.fields, folded);
  const tabStop = [props.selectedPath, focused].find((path) => path !== undefined && shown.includes(path)) ?? shown[0];

  function choose(path: string, tree: HTMLElement) {
    props.onSelect(path);
    setFocused(path);
    tree.querySelector<HTMLElement>(`[data-path="${path}"]`)?.focus();
  }

  function fold(path: string, fold: boolean) {
    setFolded((current) => {
      const next = new Set(current);
      if (fold) next.add(path);
      else next.delete(path);
      return next;
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const path = (event.target as HTMLElement).closest<HTMLElement>('[data-path]')?.dataset.path;
    const index = path === undefined ? -1 : shown.indexOf(path);
    if (path === undefined || index < 0) return;
    const field = fieldAtPath(props.fields, path)!;
    const open = hasChildren(field) && !folded.has(path);
    const parent = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : undefined;
    const tree = event.currentTarget;
    let handled = true;
    switch (event.key) {
      case 'ArrowDown':
        choose(shown[Math.min(index + 1, shown.length - 1)], tree);
        break;
      case 'ArrowUp':
        choose(shown[Math.max(index - 1, 0)], tree);
        break;
      case 'Home':
        choose(shown[0], tree);
        break;
      case 'End':
        choose(shown[shown.length - 1], tree);
        break;
      case 'ArrowRight':
        if (hasChildren(field) && !open) fold(path, false);
        else if (open) choose(`${path}.0`, tree);
        break;
      case 'ArrowLeft':
        if (open) fold(path, true);
        else if (parent !== undefined) choose(parent, tree);
        break;
      case 'Enter':
      case ' ':
        choose(path, tree);
        break;
      default:
        handled = false;
    }
    if (handled) event.preventDefault();
  }

  return (
    <ul
      className="field-tree"
      role="tree"
      aria-label="Fields"
      onKeyDown={onKeyDown}
      onFocus={(event) => {
        const path = (event.target as HTMLElement).dataset.path;
        if (path !== undefined) setFocused(path);
      }}
    >
      <Level {...props} prefix="" tabStop={tabStop} folded={folded} />
    </ul>
  );
}

function Level({ fields, prefix, tabStop, folded, ...props }: LevelProps) {
  return fields.map((field, position) => {
    const path = `${prefix}${position}`;
    const children = hasChildren(field) ? field.children! : undefined;
    const open = !!children && !folded.has(path);
    const problems = problemsOf(field, props.problems);
    return (
      <li
        key={path}
        role="treeitem"
        tabIndex={path === tabStop ? 0 : -1}
        aria-selected={props.selectedPath === path}
        aria-expanded={children ? open : undefined}
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
        {open && (
          <ul role="group">
            <Level {...props} fields={children} prefix={`${path}.`} tabStop={tabStop} folded={folded} />
          </ul>
        )}
      </li>
    );
  });
}
