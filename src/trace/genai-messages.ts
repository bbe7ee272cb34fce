import type { ChatMessage, ToolSpec } from '../core/index.ts';

/** A message part as the GenAI semantic conventions shape it. */
export type GenAiPart =
  | { readonly type: 'text'; readonly content: string }
  | { readonly type: 'tool_call'; readonly name: string; readonly arguments: unknown }
  | { readonly type: 'tool_call_response'; readonly response: unknown };

export interface GenAiMessage {
  readonly role: string;
  readonly parts: GenAiPart[];
}

export interface GenAiOutputMessage extends GenAiMessage {
  readonly finish_reason: string;
}

/** The text of the system messages (`gen_ai.system_instructions`). Pure. */
export function systemInstructions(messages: readonly ChatMessage[]): GenAiPart[] {
  return messages.filter((m) => m.role === 'system').map((m) => ({ type: 'text', content: m.content }));
}

/** The other messages (`gen_ai.input.messages`): role and parts; a tool message is the tool's response. Pure. */
export function inputMessages(messages: readonly ChatMessage[]): GenAiMessage[] {
  return messages.filter((m) => m.role !== 'system').map((m) => ({ role: m.role, parts: partsOf(m) }));
}

/** The model's reply (`gen_ai.output.messages`), with the convention's finish reason. Pure. */
export function outputMessages(message: ChatMessage, finishReason: string): GenAiOutputMessage[] {
  return [{ role: message.role, parts: partsOf(message), finish_reason: finishReasonOf(message, finishReason) }];
}

/** Ollama's `done_reason` in the convention's words: a reply that calls tools ends with `tool_call`. */
export function finishReasonOf(message: ChatMessage, doneReason: string): string {
  if (message.tool_calls?.length && doneReason === 'stop') return 'tool_call';
  return doneReason;
}

/** The tools offered (`gen_ai.tool.definitions`): name and type always; description and parameters with content. Pure. */
export function toolDefinitions(tools: readonly ToolSpec[], withContent: boolean): object[] {
  return tools.map((t) => ({ type: t.type, name: t.function.name, ...(withContent ? { description: t.function.description, parameters: t.function.parameters } : {}) }));
}

function partsOf(m: ChatMessage): GenAiPart[] {
  if (m.role === 'tool') return [{ type: 'tool_call_response', response: m.content }];
  return [
    ...(m.content ? [{ type: 'text' as const, content: m.content }] : []),
    ...(m.tool_calls ?? []).map((c) => ({ type: 'tool_call' as const, name: c.function.name, arguments: c.function.arguments })),
  ];
}
