import { z } from 'zod';

/**
 * The GenAI semantic conventions' JSON shapes of message and tool-definition attributes, written
 * from the published JSON Schemas (gen_ai.input.messages, gen_ai.output.messages,
 * gen_ai.system_instructions, gen_ai.tool.definitions): the parts tollgate can produce are checked
 * strictly, and a part of any other type must at least carry its `type`, as the schemas allow.
 */
const Role = z.enum(['system', 'user', 'assistant', 'tool']);
const TextPart = z.object({ type: z.literal('text'), content: z.string() }).strict();
const ToolCallRequestPart = z.object({ type: z.literal('tool_call'), id: z.string().nullable().optional(), name: z.string().min(1), arguments: z.unknown() }).strict();
const ToolCallResponsePart = z.object({ type: z.literal('tool_call_response'), id: z.string().nullable().optional(), response: z.unknown() }).strict();
const Part = z.union([TextPart, ToolCallRequestPart, ToolCallResponsePart]);

export const InputMessages = z.array(z.object({ role: Role, parts: z.array(Part), name: z.string().nullable().optional() }).strict());
export const OutputMessages = z.array(
  z.object({ role: Role, parts: z.array(Part), name: z.string().nullable().optional(), finish_reason: z.enum(['stop', 'length', 'content_filter', 'tool_call', 'error']) }).strict(),
);
export const SystemInstructions = z.array(Part);
export const ToolDefinitions = z.array(
  z.object({ type: z.literal('function'), name: z.string().min(1), description: z.string().nullable().optional(), parameters: z.record(z.string(), z.unknown()).nullable().optional() }).strict(),
);
