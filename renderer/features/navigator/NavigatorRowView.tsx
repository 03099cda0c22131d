// One row of the navigator's tree: a group (folds), a connection or session (opens; chosen for
// saving; a menu of what else can be done with it) or a saved profile (opens its form).
import { ChevronDown, ChevronRight, MoreHorizontal } from 'lucide-react';
import type { MouseEvent } from 'react';
import { formatCount, formatWallClock } from '../../ui/format';
import type { SaveFormat } from '../save/useSaveSessions';
import { Menu, type MenuEntry } from '../../ui/Menu';
import type { NavigatorItem, NavigatorRow } from './navigator-tree';

const GROUP_HEIGHT = 28;
const ITEM_HEIGHT = 42;

export const rowHeight = (row: NavigatorRow): number => (row.kind === 'group' ? GROUP_HEIGHT : ITEM_HEIGHT);

interface RowProps {
  row: NavigatorRow;
  index: number;
  top: number;
  active: boolean;
  /** The one row of the tree in the Tab order (the roving focus). */
  focusable: boolean;
  chosen: boolean;
  onFocus(): void;
  onAct(): void;
  onChoose(on: boolean): void;
  onSave(format: SaveFormat): void;
  onDelete(): void;
  onClose(): void;
}

/** Today's sessions by the time of day; older ones with their date. */
function shortTime(epochMs: number): string {
  const when = formatWallClock(epochMs);
  return new Date(epochMs).toDateString() === new Date().toDateString() ? when.slice(11, 19) : when.slice(0, 16);
}

const stop = (event: MouseEvent) => event.stopPropagation();

/** A group as a screen reader says it: its name and what it holds (`Lab run 10:15:02 (4 connections)`),
 *  not the name and count run together as its text would read. */
function groupName(row: Extract<NavigatorRow, { kind: 'group' }>): string {
  const noun = row.key === 'profiles' ? 'profile' : 'connection';
  const recording = row.recording > 0 ? `, ${formatCount(row.recording)} recording` : '';
  return `${row.name} (${formatCount(row.count)} ${noun}${row.count === 1 ? '' : 's'}${recording})`;
}

export function NavigatorRowView(props: RowProps) {
  const { row, index, top, active, focusable, onFocus, onAct } = props;
  const common = {
    role: 'treeitem',
    'aria-level': row.level,
    'data-index': index,
    tabIndex: focusable ? 0 : -1,
    onFocus,
    onClick: onAct,
    style: { transform: `translateY(${top}px)`, height: rowHeight(row) },
  } as const;

  if (row.kind === 'group') {
    const Chevron = row.expanded ? ChevronDown : ChevronRight;
    return (
      <div {...common} aria-expanded={row.expanded} aria-label={groupName(row)} className={`nav-row nav-group level-${row.level}`}>
        <Chevron aria-hidden="true" size={14} />
        <span className="nav-group-name">{row.name}</span>
        <span className="nav-count">
          {formatCount(row.count)}
          {row.recording > 0 && ` · ${formatCount(row.recording)} recording`}
        </span>
      </div>
    );
  }

  if (row.kind === 'profile') {
    const { profile } = row;
    return (
      <div {...common} aria-selected={active} aria-label={`Profile ${profile.name}, ${profile.target}`} className={`nav-row nav-item level-2${active ? ' active' : ''}`}>
        <span className="nav-line">
          <span className="nav-label">{profile.name}</span>
        </span>
        <span className="nav-line muted">{profile.target}</span>
      </div>
    );
  }

  const { item } = row;
  return (
    <div {...common} aria-selected={active} aria-label={`${item.label}, ${item.statusText}`} className={`nav-row nav-item level-${row.level}${active ? ' active' : ''}`}>
      <span className="nav-line">
        {item.stored && (
          <input type="checkbox" className="nav-choose" aria-label={`Choose ${item.label}`} checked={props.chosen} onClick={stop} onChange={(event) => props.onChoose(event.target.checked)} tabIndex={-1} />
        )}
        <span className={`dot status-${item.status}`} aria-hidden="true">
          ●
        </span>
        <span className="nav-label" title={item.label}>
          {item.label}
        </span>
        <span className="nav-count" title={`${formatCount(item.packets)} packets`}>
          {formatCount(item.packets)}
        </span>
        <ItemMenu {...props} item={item} />
      </span>
      <span className="nav-line muted">
        <span className="nav-status">{item.statusText}</span>
        <time dateTime={new Date(item.startTime).toISOString()}>{shortTime(item.startTime)}</time>
      </span>
    </div>
  );
}

function ItemMenu({ item, onAct, onSave, onDelete, onClose }: RowProps & { item: NavigatorItem }) {
  const entries: MenuEntry[] = [
    { label: 'Open', onSelect: onAct },
    { label: 'Save as trace (.mqtrace)…', onSelect: () => onSave('trace'), disabled: !item.stored },
    { label: 'Save as pcapng…', onSelect: () => onSave('pcapng'), disabled: !item.stored },
    { label: 'Close', onSelect: onClose, disabled: !item.inView || item.open, hint: item.open ? 'Disconnect it first' : undefined },
    { label: 'Delete…', onSelect: onDelete, disabled: !item.stored || item.open, danger: true, hint: item.open ? 'Still recording: end its connection first' : undefined },
  ];
  return (
    <span onClick={stop} className="nav-menu">
      <Menu label={`Actions for ${item.label}`} entries={entries}>
        <MoreHorizontal aria-hidden="true" size={16} />
      </Menu>
    </span>
  );
}
