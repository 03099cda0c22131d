// The command palette: every command in one list found by typing, opened by Ctrl/⌘+K or by
// `setPaletteOpen(true)` (the toolbar's button). Enter runs the highlighted command and closes;
// Escape closes. A command that fails says so after the palette has closed.
import * as Dialog from '@radix-ui/react-dialog';
import { Command } from 'cmdk';
import { FlaskConical, Hash, History, PanelsTopLeft, Plug, X, type LucideIcon } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useStore } from '../../store';
import { groupsOf, matchCommands, paletteCommands, type PaletteCommand, type PaletteGroup } from './palette-commands';
import { usePaletteLists } from './usePaletteLists';
import { usePaletteShortcut } from './usePaletteShortcut';

const GROUP_ICONS: Record<PaletteGroup, LucideIcon> = { Connect: Plug, Sessions: History, Packets: Hash, Lab: FlaskConical, View: PanelsTopLeft };

export function CommandPalette() {
  usePaletteShortcut();
  const open = useStore((state) => state.paletteOpen);
  const setOpen = useStore((state) => state.setPaletteOpen);
  const [query, setQuery] = useState('');
  const [problem, setProblem] = useState<string>();
  const lists = usePaletteLists(open);
  // What the commands are made of besides the lists and the text typed.
  const api = useStore((state) => state.api);
  const theme = useStore((state) => state.theme);
  const activeId = useStore((state) => state.activeId);
  const activeRows = useStore((state) => (state.activeId ? state.connections[state.activeId]?.trace?.rows : undefined));
  const commands = useMemo(
    () => (open ? matchCommands(paletteCommands(useStore.getState, lists, query), query) : []),
    [open, lists, query, api, theme, activeId, activeRows],
  );

  // Each opening starts afresh: nothing typed, the last failure gone.
  useEffect(() => {
    if (open) setProblem(undefined);
    else setQuery('');
  }, [open]);

  function choose(command: PaletteCommand) {
    setOpen(false);
    Promise.resolve()
      .then(() => command.run())
      .catch((error: Error) => setProblem(error.message));
  }

  return (
    <>
      <Command.Dialog
        open={open}
        onOpenChange={setOpen}
        label="Type a command"
        contentClassName="palette"
        overlayClassName="palette-overlay"
        // The commands come found and ranked (matchCommands): cmdk sorts items within a group but
        // never the groups, and highlights the first item in the page's order.
        shouldFilter={false}
        // Ctrl+K closes the palette, as it opened it; cmdk would take it to move up a row.
        vimBindings={false}
        loop
      >
        <Dialog.Title className="palette-hidden">Command palette</Dialog.Title>
        <Dialog.Description className="palette-hidden">Type to find a command, or a packet number to go to it. Enter runs the highlighted command; Escape closes.</Dialog.Description>
        <Command.Input className="palette-input" value={query} onValueChange={setQuery} placeholder="Type a command, a profile, a session or a packet number…" />
        <Command.List className="palette-list" label="Commands">
          <Command.Empty className="palette-empty">No command matches</Command.Empty>
          {groupsOf(commands).map(({ group, commands: members }) => {
            const Icon = GROUP_ICONS[group];
            return (
              <Command.Group key={group} heading={group} className="palette-group">
                {members.map((command) => (
                  <Command.Item key={command.id} value={command.id} className="palette-item" onSelect={() => choose(command)}>
                    <Icon aria-hidden="true" size={16} className="palette-icon" />
                    {command.title}
                  </Command.Item>
                ))}
              </Command.Group>
            );
          })}
        </Command.List>
      </Command.Dialog>
      {problem && (
        <div className="palette-problem" role="alert">
          <span>{problem}</span>
          <button type="button" className="small" aria-label="Dismiss" onClick={() => setProblem(undefined)}>
            <X aria-hidden="true" size={14} />
          </button>
        </div>
      )}
    </>
  );
}
