import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateToolCall, type ToolRequest } from '../../src/policy/index.ts';
import { PolicySchema, type PolicyPack } from '../../src/workflow/index.ts';

const pack = (over: Partial<PolicyPack> = {}): PolicyPack => PolicySchema.parse({ id: 'p', version: 4, ...over });
const req = (over: Partial<ToolRequest> = {}): ToolRequest => ({ tool: 'refunds.create', args: { amount: 40 }, sideEffect: 'write', env: 'prod', workflow: 'w', runId: 'r', ...over });

describe('evaluateToolCall: each rule kind', () => {
  it('allows by default and names the pack', () => {
    expect(evaluateToolCall(req(), [pack()])).toMatchObject({ effect: 'allow', policy: 'p@4', dryRun: false });
  });

  it('deny globs win over allow lists', () => {
    const p = pack({ tools: { allow: ['payments.*'], deny: ['payments.*'] } });
    expect(evaluateToolCall(req({ tool: 'payments.schedule' }), [p])).toMatchObject({ effect: 'deny', ruleId: 'deny:payments.*', reason: 'tool payments.schedule is denied by "payments.*" in p@4' });
  });

  it('globs match dotted names segment by segment', () => {
    const p = pack({ tools: { allow: [], deny: ['payments.*'] } });
    expect(evaluateToolCall(req({ tool: 'payments.schedule' }), [p]).effect).toBe('deny');
    expect(evaluateToolCall(req({ tool: 'payments' }), [p]).effect).toBe('allow');
    expect(evaluateToolCall(req({ tool: 'paymentsx.schedule' }), [p]).effect).toBe('allow');
  });

  it('an allow list refuses tools not on it', () => {
    expect(evaluateToolCall(req({ tool: 'email.send' }), [pack({ tools: { allow: ['orders.*'], deny: [] } })])).toMatchObject({ effect: 'deny', ruleId: 'allow-list' });
  });

  it('per-environment lists apply only in their environment', () => {
    const p = pack({ environments: { prod: { writes: 'live', tools: { allow: [], deny: ['refunds.*'] } } } });
    expect(evaluateToolCall(req({ env: 'prod' }), [p]).effect).toBe('deny');
    expect(evaluateToolCall(req({ env: 'dev' }), [p]).effect).toBe('allow');
  });

  it('a tool not offered to the calling agent is refused', () => {
    expect(evaluateToolCall(req({ offeredTools: ['orders.get'] }), [pack()])).toMatchObject({ effect: 'deny', ruleId: 'agent-tools' });
  });

  it("a pack's deny rule is blamed before the agent's own tool list, and the allow list before it too", () => {
    const p = pack({ tools: { allow: ['orders.*', 'email.send'], deny: ['payments.*'] } });
    expect(evaluateToolCall(req({ tool: 'payments.schedule', offeredTools: ['orders.get'] }), [p])).toMatchObject({ effect: 'deny', ruleId: 'deny:payments.*' });
    expect(evaluateToolCall(req({ tool: 'vendors.get', offeredTools: ['orders.get'] }), [p])).toMatchObject({ effect: 'deny', ruleId: 'allow-list' });
    expect(evaluateToolCall(req({ tool: 'email.send', offeredTools: ['orders.get'] }), [p])).toMatchObject({ effect: 'deny', ruleId: 'agent-tools' });
  });

  it('constraints: block, require_approval and escalate', () => {
    const c = (on_violation: 'block' | 'require_approval' | 'escalate') => pack({ constraints: [{ id: 'cap', tool: 'refunds.create', rule: 'args.amount <= 200', on_violation, message: 'too much' }] });
    expect(evaluateToolCall(req({ args: { amount: 200 } }), [c('block')]).effect).toBe('allow');
    expect(evaluateToolCall(req({ args: { amount: 200.01 } }), [c('block')])).toMatchObject({ effect: 'deny', ruleId: 'cap', reason: 'too much' });
    expect(evaluateToolCall(req({ args: { amount: 201 } }), [c('require_approval')])).toMatchObject({ effect: 'require_approval', approval: { approvers: 1 } });
    expect(evaluateToolCall(req({ args: { amount: 201 } }), [c('escalate')]).effect).toBe('escalate');
  });

  it('a constraint that asks for approval names who must give it (quorum and role), not anyone', () => {
    const p = pack({ constraints: [{ id: 'cap', tool: 'refunds.create', rule: 'args.amount <= 200', on_violation: 'require_approval', approvers: 2, role: 'finance' }] });
    expect(evaluateToolCall(req({ args: { amount: 201 } }), [p])).toMatchObject({ effect: 'require_approval', ruleId: 'cap', approval: { approvers: 2, role: 'finance' } });
  });

  it('a rule that cannot be evaluated fails closed', () => {
    const p = pack({ constraints: [{ tool: 'refunds.create', rule: 'args.amount <= 200', on_violation: 'block' }] });
    expect(evaluateToolCall(req({ args: {} }), [p])).toMatchObject({ effect: 'deny', ruleId: 'constraints[0]' });
    expect(evaluateToolCall(req({ args: { amount: 'lots' } }), [p]).effect).toBe('deny');
  });

  it('approval rules: the strictest quorum applies', () => {
    const p = pack({ approvals: [
      { tool: 'refunds.create', when: 'args.amount > 50', approvers: 1, role: 'lead' },
      { tool: 'refunds.create', when: 'args.amount > 200', approvers: 2, role: 'lead' },
    ] });
    expect(evaluateToolCall(req({ args: { amount: 50 } }), [p]).effect).toBe('allow');
    expect(evaluateToolCall(req({ args: { amount: 51 } }), [p])).toMatchObject({ effect: 'require_approval', approval: { approvers: 1, role: 'lead' } });
    expect(evaluateToolCall(req({ args: { amount: 201 } }), [p])).toMatchObject({ effect: 'require_approval', approval: { approvers: 2 } });
  });

  it('write barrier: writes are dry runs where the environment says sandbox, and by default outside prod', () => {
    expect(evaluateToolCall(req({ env: 'dev' }), [pack()]).dryRun).toBe(true);
    expect(evaluateToolCall(req({ env: 'prod' }), [pack()]).dryRun).toBe(false);
    expect(evaluateToolCall(req({ env: 'dev' }), [pack({ environments: { dev: { writes: 'live' } } })]).dryRun).toBe(false);
    expect(evaluateToolCall(req({ env: 'prod', sideEffect: 'read' }), [pack({ environments: { prod: { writes: 'sandbox' } } })]).dryRun).toBe(false);
  });

  it('forbidden data flows', () => {
    const p = pack({ data: { redact_before_model: [], forbid: [{ classes: ['card_number'], to_tools: ['email.send'] }] } });
    expect(evaluateToolCall(req({ tool: 'email.send', dataEntities: new Set(['CREDIT_CARD']) }), [p])).toMatchObject({ effect: 'deny', ruleId: 'data.forbid[0]' });
    expect(evaluateToolCall(req({ tool: 'email.send', dataEntities: new Set(['EMAIL_ADDRESS']) }), [p]).effect).toBe('allow');
  });

  it('taint: a model-chosen call to a listed tool needs approval; a workflow step does not', () => {
    const p = pack({ taint: { require_approval_for: ['vendors.update_bank_details'] } });
    expect(evaluateToolCall(req({ tool: 'vendors.update_bank_details', offeredTools: ['vendors.update_bank_details'] }), [p])).toMatchObject({ effect: 'require_approval', ruleId: 'taint' });
    expect(evaluateToolCall(req({ tool: 'vendors.update_bank_details' }), [p]).effect).toBe('allow');
  });

  it('the most restrictive outcome wins across packs', () => {
    const strict = pack({ id: 'strict', tools: { allow: [], deny: ['refunds.*'] } });
    expect(evaluateToolCall(req(), [pack(), strict])).toMatchObject({ effect: 'deny', policy: 'strict@4' });
  });
});

describe('properties: whatever a model asks for', () => {
  const tools = ['refunds.create', 'payments.schedule', 'payments.refund', 'email.send', 'orders.get', 'vendors.update_bank_details'];
  const packs = [pack({
    tools: { allow: [], deny: ['payments.*', 'vendors.*'] },
    constraints: [{ id: 'cap', tool: 'refunds.create', rule: 'args.amount <= 500', on_violation: 'block' }, { id: 'to', tool: 'email.send', rule: "!args.to.contains(',')", on_violation: 'block' }],
  })];
  const argsArb = fc.dictionary(fc.constantFrom('amount', 'to', 'order_id', 'x'), fc.oneof(fc.double({ noNaN: true }), fc.integer(), fc.string(), fc.constant(null), fc.array(fc.integer())));

  it('no call to a denied tool is ever allowed', () => {
    fc.assert(fc.property(fc.constantFrom(...tools), argsArb, fc.constantFrom('dev', 'staging', 'prod'), (tool, args, env) => {
      const d = evaluateToolCall(req({ tool, args, env: env as 'dev' }), packs);
      if (/^(payments|vendors)\./.test(tool)) return d.effect === 'deny';
      return true;
    }), { numRuns: 2000 });
  });

  it('no refund over the cap, or of a non-number amount, is ever allowed', () => {
    fc.assert(fc.property(argsArb, fc.oneof(fc.double({ min: 500.0000001, max: 1e12, noNaN: true }), fc.string(), fc.constant(undefined)), (args, amount) => {
      const d = evaluateToolCall(req({ args: { ...args, amount } }), packs);
      return d.effect === 'deny';
    }), { numRuns: 2000 });
  });

  it('no email to several recipients is ever allowed, however the list is written', () => {
    fc.assert(fc.property(fc.array(fc.emailAddress(), { minLength: 2, maxLength: 6 }), fc.constantFrom(',', ', ', ' ,'), (emails, sep) => {
      return evaluateToolCall(req({ tool: 'email.send', sideEffect: 'write', args: { to: emails.join(sep) } }), packs).effect === 'deny';
    }), { numRuns: 500 });
  });
});

describe('evaluateToolCall: outbound links', () => {
  const email = (body: string) => req({ tool: 'email.send', args: { to: '<EMAIL_ADDRESS_1>', body }, sideEffect: 'write' });
  it('blocks a host off the allowlist with the rule and the pack, on the tools the allowlist covers', () => {
    const p = pack({ outbound: { allow_hosts: ['acme.com'], tools: ['email.*'] } });
    expect(evaluateToolCall(email('see https://evil.example/x'), [p])).toMatchObject({ effect: 'deny', policy: 'p@4', ruleId: 'outbound:host' });
    expect(evaluateToolCall(email('see https://acme.com/help'), [p]).effect).toBe('allow');
    expect(evaluateToolCall(req({ tool: 'tickets.create', args: { body: 'photo: https://imgur.example/a.png' } }), [p]).effect).toBe('allow');
  });

  it('blocks data in a URL for every tool, with or without an allowlist', () => {
    expect(evaluateToolCall(req({ tool: 'tickets.create', args: { body: 'https://x.example/?u=<EMAIL_ADDRESS_1>' } }), [pack()])).toMatchObject({ effect: 'deny', ruleId: 'outbound:data' });
  });
});

