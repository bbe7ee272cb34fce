/**
 * The blank template: the smallest project the gate passes on. One workflow that looks a greeting
 * up with a read-only tool, one policy pack, JavaScript mocks (MSW handlers), one gold case and its baseline.
 */
export const BLANK_FILES: Record<string, string> = {
  'tollgate.yaml': `# yaml-language-server: $schema=./schemas/project.schema.json
name: NAME
environment: dev
models:
  default: llama3.2:3b
  routes: { low-risk: llama3.2:3b }
  prices: { llama3.2:3b: { input_per_1k: 0.0001, output_per_1k: 0.0002 } }
people:
  you: { roles: [owner] }
`,
  'workflows/hello.yaml': `# yaml-language-server: $schema=../schemas/workflow.schema.json
id: hello
version: 1
description: Look a greeting up for whoever asked.
trigger: { event: hello.requested }
policy: [default]
limits: { run_timeout: 30s, step_timeout: 5s, max_tool_calls: 5 }
steps:
  - id: lookup
    tool: greetings.get
    args: { name: "event.name" }
  - id: done
    end: greeted
    output: { greeting: "steps.lookup.output.text" }
`,
  'workflows/tools/greetings.get.yaml': `# yaml-language-server: $schema=../../schemas/tool.schema.json
name: greetings.get
description: The greeting for a name.
side_effect: read
args:
  type: object
  required: [name]
  additionalProperties: false
  properties: { name: { type: string, maxLength: 100 } }
http: { method: GET, url: "https://greetings.example.test/v1/greetings/{name}" }
timeout: 2s
`,
  'workflows/policies/default.yaml': `# yaml-language-server: $schema=../../schemas/policy.schema.json
id: default
version: 1
description: Read-only tools only; nothing writes.
tools:
  allow: ["greetings.*"]
`,
  'fixtures/tools/index.mjs': `// The mocked systems for one run, as MSW request handlers. tollgate calls createHandlers() once
// per run, so state created here is that run's alone, and answers a retried write (same
// Idempotency-Key) with its first response. Plain JavaScript; TypeScript works too (index.ts).
import { http, HttpResponse } from 'msw';

export function createHandlers() {
  return [
    http.get('https://greetings.example.test/v1/greetings/:name', ({ params }) =>
      HttpResponse.json({ name: params.name, text: \`Hello, \${params.name}!\` })),
  ];
}
`,
  'evals/gold/hello/greets-by-name.yaml': `# yaml-language-server: $schema=../../../schemas/gold-case.schema.json
id: greets-by-name
workflow: hello
description: A greeting is looked up and returned.
event: { type: hello.requested, correlation_id: cor-hello-1, name: Ada }
model_script: fixtures/models/hello/greets-by-name.yaml
expect:
  end: greeted
  tools_called: [greetings.get]
  output: { greeting: "Hello, Ada!" }
  policy_violations: 0
`,
  'fixtures/models/hello/greets-by-name.yaml': `# yaml-language-server: $schema=../../../schemas/model-script.schema.json
# SCRIPTED model replies: this workflow has no agent yet, so nothing is asked of a model.
scripted: true
agents: {}
`,
  'evals/gate.yaml': `# yaml-language-server: $schema=../schemas/gate.schema.json
thresholds:
  pass_rate: 1.0
  grounding_rate: 1.0
  hard_violations: 0
baseline:
  path: evals/baseline.json
`,
  'evals/baseline.json': `${JSON.stringify({ tollgate_baseline: 1, cases: { 'hello/greets-by-name': { pass: true, end: 'greeted', cost_usd: 0, tokens: 0, tool_calls: 1, approvals: 0 } } }, null, 2)}\n`,
};
