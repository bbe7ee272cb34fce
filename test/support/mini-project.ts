import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A small project in a temp folder for engine tests: a refund workflow over orders, refunds and
 * email tools, a policy pack, a stateful tool world and scripted model replies. `overrides` maps
 * relative paths to replacement file contents.
 */
export function makeMiniProject(overrides: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'tollgate-mini-'));
  const files: Record<string, string> = { ...MINI_FILES, ...overrides };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

/**
 * A copy of the repository's example project in a temp folder, with the repository's node_modules
 * linked in, as a project that installed tollgate has them (its mocks import msw).
 */
export function copyExampleProject(): string {
  const repo = path.resolve(import.meta.dirname, '..', '..');
  const root = mkdtempSync(path.join(tmpdir(), 'tollgate-example-'));
  for (const item of ['tollgate.yaml', 'package.json', 'workflows', 'evals', 'fixtures', 'schemas']) {
    cpSync(path.join(repo, item), path.join(root, item), { recursive: true });
  }
  symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
  return root;
}

/** Edits to project files: file → replacements [from, to], applied in order. */
export type FileEdits = Record<string, [string | RegExp, string][]>;

/** A copy of the example project with `edits` applied; an edit that changes nothing is an error (its test would prove nothing). */
export function editedExampleProject(edits: FileEdits): string {
  const root = copyExampleProject();
  for (const [file, replacements] of Object.entries(edits)) {
    const full = path.join(root, file);
    let text = readFileSync(full, 'utf8');
    for (const [from, to] of replacements) {
      const next = text.replace(from, to);
      if (next === text) throw new Error(`edit did not apply to ${file}: ${String(from)}`);
      text = next;
    }
    writeFileSync(full, text);
  }
  return root;
}

export const MINI_FILES: Record<string, string> = {
  'package.json': '{ "type": "module", "private": true }\n',
  'tollgate.yaml': `name: mini
environment: dev
models:
  default: llama3.2:3b
  routes: { low-risk: "llama3.2:3b" }
  prices: { "llama3.2:3b": { input_per_1k: 0.001, output_per_1k: 0.002 } }
people:
  alice: { roles: [support-agent] }
  bob: { roles: [support-lead] }
  carol: { roles: [support-lead] }
`,
  'workflows/tools/orders.get.yaml': `name: orders.get
description: Look up an order.
side_effect: read
args: { type: object, required: [order_id], properties: { order_id: { type: string } } }
http: { method: GET, url: "https://orders.mini.test/v1/orders/{order_id}" }
retry: { initial_interval: 10ms, maximum_attempts: 3 }
timeout: 300ms
`,
  'workflows/tools/refunds.create.yaml': `name: refunds.create
description: Create a refund.
side_effect: write
args: { type: object, required: [order_id, amount], properties: { order_id: { type: string }, amount: { type: number } } }
http: { method: POST, url: "https://payments.mini.test/v1/refunds" }
retry: { initial_interval: 10ms, maximum_attempts: 3 }
`,
  'workflows/tools/refunds.cancel.yaml': `name: refunds.cancel
description: Cancel a refund.
side_effect: write
args: { type: object, required: [refund_id], properties: { refund_id: { type: string } } }
http: { method: POST, url: "https://payments.mini.test/v1/refunds/{refund_id}/cancel" }
`,
  'workflows/tools/email.send.yaml': `name: email.send
description: Send an email.
side_effect: write
args: { type: object, required: [to, subject], properties: { to: { type: string }, subject: { type: string } } }
http: { method: POST, url: "https://mail.mini.test/v1/send" }
retry: { initial_interval: 10ms, maximum_attempts: 2 }
data_classes: [email]
`,
  'workflows/policies/support.yaml': `id: support
version: 2
environments: { dev: { writes: live }, staging: { writes: sandbox } }
constraints:
  - { id: refund-cap, tool: refunds.create, rule: "args.amount <= 500", message: "Refunds over $500 need a person" }
approvals:
  - { id: refund-approval, tool: refunds.create, when: "args.amount > 50", approvers: 1, role: support-lead }
  - { id: refund-two-person, tool: refunds.create, when: "args.amount > 200", approvers: 2, role: support-lead }
`,
  'workflows/refund.yaml': `id: refund
version: 1
trigger: { event: ticket.created }
policy: [support]
limits: { step_timeout: 2s }
agents:
  triage:
    model: { route: low-risk }
    instructions: Classify the ticket.
    tools: [orders.get]
    output: { schema: { type: object, required: [category, order_id], properties: { category: { enum: [refund, other] }, order_id: { type: string } } } }
steps:
  - id: triage
    agent: triage
    input: { ticket: "event.ticket" }
    next: [{ when: 'output.category == "refund"', to: lookup }, { to: done }]
  - id: lookup
    tool: orders.get
    args: { order_id: "steps.triage.output.order_id" }
  - id: refund
    tool: refunds.create
    args: { order_id: "steps.triage.output.order_id", amount: "steps.lookup.output.total" }
    compensate: { tool: refunds.cancel, args: { refund_id: "output.id" } }
  - id: notify
    tool: email.send
    args: { to: "event.ticket.email", subject: '"Your refund"' }
  - id: done
    end: resolved
`,
  'fixtures/models/refund-o1.yaml': `scripted: true
agents:
  triage:
    - tool_calls: [{ name: orders.get, arguments: { order_id: O-1 } }]
    - content: '{"category":"refund","order_id":"O-1"}'
`,
  'fixtures/tools/index.ts': `export function createToolWorld() {
  const orders: Record<string, { id: string; total: number; refunded: number }> = {
    'O-1': { id: 'O-1', total: 40, refunded: 0 },
    'O-2': { id: 'O-2', total: 120, refunded: 0 },
    'O-3': { id: 'O-3', total: 300, refunded: 0 },
    'O-4': { id: 'O-4', total: 900, refunded: 0 },
  };
  const byKey = new Map<string, unknown>();
  let refunds = 0;
  return {
    async handle(request: Request): Promise<Response> {
      const url = new URL(request.url);
      const key = request.headers.get('idempotency-key');
      if (key && byKey.has(key)) return Response.json(byKey.get(key));
      let body: unknown;
      if (url.pathname.startsWith('/v1/orders/')) {
        const order = orders[url.pathname.split('/')[3]!];
        return order ? Response.json(order) : Response.json({ error: 'no such order' }, { status: 404 });
      } else if (url.pathname === '/v1/refunds') {
        const req = (await request.json()) as { order_id: string; amount: number };
        if (req.amount <= 0) return Response.json({ error: 'amount must be positive' }, { status: 400 });
        orders[req.order_id]!.refunded += req.amount;
        body = { id: 'R-' + ++refunds, ...req };
      } else if (url.pathname.endsWith('/cancel')) body = { cancelled: url.pathname.split('/')[3] };
      else if (url.pathname === '/v1/send') body = { sent: true };
      else return Response.json({ error: 'no such endpoint' }, { status: 404 });
      if (key) byKey.set(key, body);
      return Response.json(body);
    },
  };
}
`,
};

/** A scripted model file for the triage agent that looks up `orderId` and asks for a refund. */
export function refundScript(orderId: string): string {
  return `scripted: true
agents:
  triage:
    - tool_calls: [{ name: orders.get, arguments: { order_id: ${orderId} } }]
    - content: '{"category":"refund","order_id":"${orderId}"}'
`;
}

export const TICKET_EVENT = { type: 'ticket.created', ticket: { id: 'T-1', text: 'It arrived broken', email: 'pat@example.com' } };
