/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { Box, Text, useStdin } from 'ink';
import { useKeys } from '../hooks/use-keys.ts';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { QuorumVerdict } from '../../policy/index.ts';
import { editJsonInEditor } from '../edit-json.ts';
import { useLoad } from '../hooks/use-load.ts';
import type { Decision } from '../source.ts';
import { approvalContext, approvalLine, argsChange } from '../view-model/approvals.ts';
import type { ApprovalRecord } from '../../core/index.ts';
import { fit, wrapLines } from '../view-model/text.ts';
import { Lines, List } from './list.tsx';
import { useTextEntry } from './text-entry.ts';
import { cursorMove, type ViewProps } from './view-props.ts';

/**
 * Pending approvals with their full context. a approves, d denies with a reason, e edits the
 * arguments in $EDITOR and approves them (the edit is vetted again by the policy, as in the CLI
 * and API), v reveals vaulted values the rule lets your role see (asks why; audited) — under the
 * same quorum rules as the CLI (distinct people, requester excluded, roles). An approval, edited
 * or not, is asked to be confirmed with y first: a stray key never approves anything.
 */
export function ApprovalsView(props: ViewProps & { identity: string }) {
  const { source, version, width, height, active, identity } = props;
  // Reloaded on every data change and right after this view records a decision.
  const [decided, setDecided] = useState(0);
  const approvals = useLoad(() => source.pendingApprovals(), [source, version, decided]);
  const [cursor, setCursor] = useState(0);
  // The selected approval's context can be longer than the screen: J/K and PgDn/PgUp scroll it.
  const [scroll, setScroll] = useState(0);
  const [busy, setBusy] = useState(false);
  // An edit that did not parse or fit the schema comes back to the editor as the person left it.
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  // The screen is cleared after the editor; a message equal to the last one would not repaint it.
  const [, setRedraw] = useState(0);
  const entry = useTextEntry(props.onTyping, props.say);
  const { stdin } = useStdin();
  const list = approvals.value ?? [];
  const selected = list[cursor];
  useEffect(() => props.setTitle(`Approvals (${list.length}) — acting as ${identity}`), [list.length, identity]);
  useEffect(() => setCursor((c) => Math.min(c, Math.max(0, list.length - 1))), [list.length]);

  // An approval waiting for its y, bound to the approval on screen when it was asked (the list may
  // move meanwhile). A ref, not state: the key after it may come before the next render.
  const confirming = useRef<{ approval: ApprovalRecord; decision: Decision; extra: { editedArgs?: Record<string, unknown> } } | undefined>(undefined);
  const confirm = (approval: ApprovalRecord, decision: Decision, extra: { editedArgs?: Record<string, unknown> } = {}) => {
    confirming.current = { approval, decision, extra };
    // Short enough for 80 columns: the action itself is on screen; an edit says what it changes.
    const change = extra.editedArgs ? ` with ${argsChange((approval.action.args ?? {}) as Record<string, unknown>, extra.editedArgs) || 'the arguments unchanged'}` : '';
    props.say(`approve ${approval.approvalId}${change} as ${identity}? y approves · other keys cancel`);
  };

  const decide = (approval: ApprovalRecord | undefined, decision: Decision, extra: { comment?: string; editedArgs?: Record<string, unknown> } = {}) => {
    if (!approval || busy) return;
    setBusy(true);
    props.say(`${decision === 'deny' ? 'denying' : 'approving'} ${approval.approvalId} as ${identity}…`);
    source.decide(approval.approvalId, decision, extra).then(
      (v) => (setBusy(false), setDecided((n) => n + 1), props.say(verdictLine(decision, identity, v))),
      (error: unknown) => (setBusy(false), props.say(`could not record the decision: ${(error as Error).message}`)),
    );
  };

  const edit = () => {
    if (!selected?.action.tool) return props.say('this approval has no tool arguments to edit');
    const initial = drafts[selected.approvalId] ?? `${JSON.stringify(selected.action.args ?? {}, null, 2)}\n`;
    // The editor gets the terminal: cooked mode while it runs, the screen repainted after.
    const terminal = stdin === process.stdin && process.stdin.isTTY ? process.stdin : undefined;
    terminal?.setRawMode(false);
    const result = editJsonInEditor(initial, selected.approvalId);
    terminal?.setRawMode(true);
    if (terminal && process.stdout.isTTY) process.stdout.write('\u001b[2J\u001b[H');
    setRedraw((n) => n + 1);
    if (result.kind === 'unchanged') return props.say('the arguments were not changed: nothing was approved');
    if (result.kind === 'failed') return props.say(result.problem);
    if (result.kind === 'invalid') {
      setDrafts({ ...drafts, [selected.approvalId]: result.text });
      return props.say(`not approved: ${result.problem} (e edits it again)`);
    }
    const { tool } = selected.action;
    void source.argsProblems(tool, result.value).then((problems) => {
      if (problems.length === 0) return confirm(selected, 'edit', { editedArgs: result.value });
      setDrafts((d) => ({ ...d, [selected.approvalId]: `${JSON.stringify(result.value, null, 2)}\n` }));
      props.say(`not approved: the edited arguments do not match ${tool}'s schema: ${problems.join('; ')} (e edits them again)`);
    });
  };

  const listHeight = Math.min(list.length, Math.max(2, Math.floor(height / 4)));
  const contextHeight = Math.max(1, height - listHeight - 1);
  // Values revealed for one approval stay on screen only while it is selected; never stored.
  const [revealed, setRevealed] = useState<{ approvalId: string; lines: string[] } | undefined>();
  const context = useMemo(
    () => wrapLines(selected ? (revealed?.approvalId === selected.approvalId ? revealed.lines : approvalContext(selected, Date.now())) : [], width),
    [selected, revealed, width],
  );
  const maxScroll = Math.max(0, context.length - contextHeight);

  useKeys(
    (input, key) => {
      if (entry.handle(input, key)) return;
      const asked = confirming.current;
      if (asked) {
        confirming.current = undefined;
        if (input === 'y') return decide(asked.approval, asked.decision, asked.extra);
        const edited = asked.extra.editedArgs;
        // A cancelled edit is kept: e reopens it as it was left.
        if (edited) setDrafts((d) => ({ ...d, [asked.approval.approvalId]: `${JSON.stringify(edited, null, 2)}\n` }));
        return props.say(`not approved: nothing was recorded for ${asked.approval.approvalId}${edited ? ' (e reopens the edit)' : ''}`);
      }
      if (input === 'J' || key.pageDown) return setScroll((s) => Math.min(s + (key.pageDown ? contextHeight - 1 : 1), maxScroll));
      if (input === 'K' || key.pageUp) return setScroll((s) => Math.max(0, s - (key.pageUp ? contextHeight - 1 : 1)));
      const move = cursorMove(input, key);
      if (move) return (setCursor((c) => move(c, list.length, 3)), setScroll(0));
      if (input === 'q' || key.escape) return props.back();
      if (!selected) return;
      if (input === 'a') return confirm(selected, 'approve');
      if (input === 'd') return entry.start(`why deny ${selected.approvalId}`, '', (reason) => (reason.trim() ? decide(selected, 'deny', { comment: reason.trim() }) : props.say('a denial needs a reason: nothing was recorded')));
      if (input === 'e') return edit();
      if (input === 'v') {
        return entry.start(`why reveal the vaulted values of ${selected.approvalId} (audited)`, '', (reason) => {
          const id = selected.approvalId;
          source.reveal(id, reason.trim()).then(
            (v) => (v.ok ? (setRevealed({ approvalId: id, lines: v.lines }), setScroll(0), props.say(`revealed ${v.revealed.join(', ') || 'nothing'} as ${identity}; audited`)) : props.say(`refused: ${v.reason}`)),
            (error: unknown) => props.say(`could not reveal: ${(error as Error).message}`),
          );
        });
      }
      if (key.return) return props.open({ name: 'run', runId: selected.runId });
    },
    { isActive: active && !busy },
  );

  if (!approvals.value) return <Text>{approvals.error ? `cannot read the approvals: ${approvals.error}` : 'loading approvals…'}</Text>;
  if (list.length === 0) return <Text>no pending approvals</Text>;
  return (
    <Box flexDirection="column">
      <List count={list.length} line={(i) => fit(approvalLine(list[i]!), width)} cursor={cursor} height={listHeight} />
      <Text dimColor wrap="truncate">{'─'.repeat(Math.max(0, width))}</Text>
      {selected && <Lines lines={context} offset={Math.min(scroll, maxScroll)} height={contextHeight} width={width} />}
    </Box>
  );
}

function verdictLine(decision: Decision, identity: string, v: QuorumVerdict): string {
  if (!v.ok) return `refused: ${v.reason}`;
  const did = decision === 'deny' ? 'denied' : decision === 'edit' ? 'approved with edited arguments' : 'approved';
  return `${did} as ${identity}: ${v.status}${v.status === 'pending' ? `, ${v.remaining} more needed` : v.status === 'approved' ? '; the run continues' : ''}`;
}
