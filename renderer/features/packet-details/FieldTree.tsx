// A packet's fields as a tree, Wireshark's names beside them: choose or hover one to light its
// bytes; fields with problems are marked. The tree is one tab stop: Up and Down choose the field
// above or below, Left and Right fold and unfold (or go to the parent or the first child). For
// the mouse, each field with children has a fold button, and the whole tree expands or collapses.
import { useState, type KeyboardEvent } from 'react';
import { ChevronDown, ChevronRight } from 'lucide-react';
import type { Field, Problem } from '@shared/mqtt';
import { fieldLine } from './field-label';
import { fieldAtPath, foldablePaths, problemsOf, shownPaths, type ByteRange } from './field-paths';

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
  onFold(path: string, fold: boolean): void;
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

  const foldable = foldablePaths(props.fields);
  return (
    <>
      {foldable.length > 0 && (
        <div className="field-tree-tools">
          <button type="button" className="small" disabled={folded.size === 0} onClick={() => setFolded(new Set())}>
            Expand all
          </button>
          <button type="button" className="small" disabled={foldable.every((path) => folded.has(path))} onClick={() => setFolded(new Set(foldable))}>
            Collapse all
          </button>
        </div>
      )}
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
        <Level {...props} prefix="" tabStop={tabStop} folded={folded} onFold={fold} />
      </ul>
    </>
  );
}

function Level({ fields, prefix, tabStop, folded, onFold, ...props }: LevelProps) {
  return fields.map((field, position) => {
    const path = `${prefix}${position}`;
    const children = hasChildren(field) ? field.children! : undefined;
    const open = !!children && !folded.has(path);
    const problems = problemsOf(field, props.problems);
    const line = fieldLine(field, props.revealSecrets);
    return (
      <li
        key={path}
        role="treeitem"
        // Named by its own line: its children, and its fold button, are not part of its name.
        aria-label={line}
        tabIndex={path === tabStop ? 0 : -1}
        aria-selected={props.selectedPath === path}
        aria-expanded={children ? open : undefined}
        data-path={path}
        data-offset={field.offset}
        data-length={field.length}
      >
        {children ? (
          <button
            type="button"
            className="fold-toggle"
            // Not a tab stop of its own: the tree is one, and Left and Right fold from the keyboard.
            tabIndex={-1}
            aria-label={`${open ? 'Fold' : 'Unfold'} ${field.name}`}
            aria-expanded={open}
            // The focus stays where it was (the chosen field), as Left and Right leave it.
            onMouseDown={(event) => event.preventDefault()}
            onClick={(event) => {
              event.stopPropagation();
              onFold(path, open);
            }}
          >
            {open ? <ChevronDown aria-hidden size={14} /> : <ChevronRight aria-hidden size={14} />}
          </button>
        ) : (
          <span className="fold-spacer" aria-hidden />
        )}
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
          {line}
          {problems.length > 0 && <span className="problem-badge" title={problems.map((problem) => problem.message).join('\n')}> ⚠</span>}
        </span>
        {open && (
          <ul role="group">
            <Level {...props} fields={children} prefix={`${path}.`} tabStop={tabStop} folded={folded} onFold={onFold} />
          </ul>
        )}
      </li>
    );
  });
}
