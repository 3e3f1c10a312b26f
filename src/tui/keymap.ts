/**
 * The one key table: it routes input (app.tsx), draws the `?` help screen and
 * the footer hints, as k9s's KeyActions do. Change a key here and all three follow.
 */
export type Action =
  | 'down'
  | 'up'
  | 'pageDown'
  | 'pageUp'
  | 'top'
  | 'bottom'
  | 'open'
  | 'back'
  | 'quit'
  | 'filter'
  | 'command'
  | 'help'
  | 'nextView'
  | 'copy';

/** Where a key works: a list view, a finding's detail, the evidence file, the help screen. */
export type Scope = 'list' | 'detail' | 'evidence' | 'help';

/** The parts of Ink's Key that we read. */
export interface KeyInfo {
  upArrow?: boolean;
  downArrow?: boolean;
  pageUp?: boolean;
  pageDown?: boolean;
  home?: boolean;
  end?: boolean;
  return?: boolean;
  escape?: boolean;
  tab?: boolean;
  shift?: boolean;
  ctrl?: boolean;
}

export interface KeyBinding {
  action: Action;
  /** as shown to the user */
  keys: string;
  help: string;
  /** footer label */
  short: string;
  scopes: readonly Scope[];
  /** shown in the footer of these scopes */
  hint?: readonly Scope[];
  match: (input: string, key: KeyInfo) => boolean;
}

const ALL: readonly Scope[] = ['list', 'detail', 'evidence', 'help'];

export const KEYMAP: readonly KeyBinding[] = [
  { action: 'down', short: 'down', keys: 'j/↓', help: 'down', scopes: ['list', 'detail', 'evidence', 'help'], hint: ['list', 'detail', 'evidence'], match: (i, k) => i === 'j' || !!k.downArrow },
  { action: 'up', short: 'up', keys: 'k/↑', help: 'up', scopes: ['list', 'detail', 'evidence', 'help'], hint: ['list', 'detail', 'evidence'], match: (i, k) => i === 'k' || !!k.upArrow },
  { action: 'pageDown', short: 'page', keys: 'space/PgDn', help: 'page down', scopes: ['list', 'detail', 'evidence', 'help'], hint: ['evidence'], match: (i, k) => i === ' ' || !!k.pageDown || (!!k.ctrl && i === 'f') },
  { action: 'pageUp', short: 'page up', keys: 'b/PgUp', help: 'page up', scopes: ['list', 'detail', 'evidence', 'help'], hint: ['evidence'], match: (i, k) => (i === 'b' && !k.ctrl) || !!k.pageUp || (!!k.ctrl && i === 'b') },
  { action: 'top', short: 'top', keys: 'g', help: 'top', scopes: ['list', 'detail', 'evidence', 'help'], hint: ['evidence'], match: (i, k) => i === 'g' || !!k.home },
  { action: 'bottom', short: 'bottom', keys: 'G', help: 'bottom', scopes: ['list', 'detail', 'evidence', 'help'], hint: ['evidence'], match: (i, k) => i === 'G' || !!k.end },
  { action: 'open', short: 'open', keys: 'enter', help: 'open details / evidence file / findings of a pod or node', scopes: ['list', 'detail'], hint: ['list', 'detail'], match: (_i, k) => !!k.return },
  { action: 'copy', short: 'copy', keys: 'y', help: 'copy the selected command (OSC 52)', scopes: ['list', 'detail'], hint: ['detail'], match: (i) => i === 'y' },
  { action: 'filter', short: 'filter', keys: '/', help: 'filter the list', scopes: ['list'], hint: ['list'], match: (i) => i === '/' },
  { action: 'nextView', short: 'next view', keys: 'tab', help: 'next view (findings, pods, nodes, not checked)', scopes: ['list'], hint: ['list'], match: (_i, k) => !!k.tab && !k.shift },
  { action: 'command', short: 'cmd', keys: ':', help: 'command: :findings :pods :nodes :nc :help :q', scopes: ALL, hint: ['list'], match: (i) => i === ':' },
  { action: 'back', short: 'back', keys: 'esc', help: 'back / clear filter', scopes: ALL, hint: ['detail', 'evidence', 'help'], match: (_i, k) => !!k.escape },
  { action: 'help', short: 'help', keys: '?', help: 'all keys', scopes: ALL, hint: ['list', 'detail', 'evidence'], match: (i) => i === '?' },
  { action: 'quit', short: 'quit', keys: 'q', help: 'quit (backs out of a sub-view first)', scopes: ALL, hint: ['list', 'detail', 'evidence', 'help'], match: (i) => i === 'q' },
];

export function actionFor(scope: Scope, input: string, key: KeyInfo): Action | undefined {
  for (const b of KEYMAP) {
    if (b.scopes.includes(scope) && b.match(input, key)) return b.action;
  }
  return undefined;
}

export function hintsFor(scope: Scope): KeyBinding[] {
  return KEYMAP.filter((b) => b.hint?.includes(scope));
}

export const COMMANDS: Record<string, string> = {
  findings: 'findings view',
  pods: 'pods view',
  nodes: 'nodes view',
  notchecked: 'not-checked view (also :nc)',
  help: 'this help',
  q: 'quit (also :quit)',
};
