// A decoded value as a tree that folds: objects and arrays open to a few levels, their children
// drawn only while open and at most TREE_CHILDREN at a time, so a large document stays light.
// Numbers read as sent (`51.0` stays `51.0`; see shared/payload/json-reader.ts).
import { useState } from 'react';
import { NumberAsSent, type PlainValue } from '@shared/payload/plain-value';
import { TREE_CHILDREN } from '@shared/limits';

/** Levels open at first: a document's top, and each item of its top-level lists. */
const OPEN_LEVELS = 3;

export function JsonTree({ value, label }: { value: PlainValue; label: string }) {
  return (
    <ul className="json-tree" aria-label={label}>
      <JsonNode value={value} depth={0} />
    </ul>
  );
}

function JsonNode({ name, value, depth }: { name?: string | number; value: PlainValue; depth: number }) {
  const [open, setOpen] = useState(depth < OPEN_LEVELS);
  const [shown, setShown] = useState(TREE_CHILDREN);
  const key = name === undefined ? null : <span className={typeof name === 'number' ? 'json-index' : 'json-key'}>{typeof name === 'number' ? `${name}: ` : `${JSON.stringify(name)}: `}</span>;
  if (value instanceof NumberAsSent) {
    return (
      <li>
        {key}
        <span className="json-number">{value.text}</span>
      </li>
    );
  }
  if (value === null || typeof value !== 'object') {
    return (
      <li>
        {key}
        <span className={`json-${value === null ? 'null' : typeof value}`}>{typeof value === 'string' ? JSON.stringify(value) : String(value)}</span>
      </li>
    );
  }
  const entries: [string | number, PlainValue][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  const [opening, closing] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  const count = `${entries.length} ${Array.isArray(value) ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'}`;
  return (
    <li>
      <button type="button" className="json-toggle" aria-expanded={open} aria-label={`${open ? 'Fold' : 'Unfold'} ${name === undefined ? 'the whole value' : name}`} onClick={() => setOpen(!open)}>
        {open ? '▾' : '▸'}
      </button>
      {key}
      {open ? opening : <span className="muted">{`${opening} ${count} ${closing}`}</span>}
      {open && (
        <>
          <ul>
            {entries.slice(0, shown).map(([childName, child]) => (
              <JsonNode key={childName} name={childName} value={child} depth={depth + 1} />
            ))}
            {entries.length > shown && (
              <li>
                <button type="button" className="small" onClick={() => setShown(shown + TREE_CHILDREN)}>
                  Show {Math.min(TREE_CHILDREN, entries.length - shown)} more of {entries.length - shown}
                </button>
              </li>
            )}
          </ul>
          {closing}
        </>
      )}
    </li>
  );
}
