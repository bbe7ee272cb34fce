/**
 * A model call as the engine journals it, and the port every model backend implements (Ollama live,
 * Ollama mocked, a recording).
 */

/** A chat message as the Ollama chat API carries it. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant' | 'tool';
  readonly content: string;
  readonly tool_calls?: readonly ToolCall[];
  readonly tool_name?: string;
}

export interface ToolCall {
  readonly function: { readonly name: string; readonly arguments: Record<string, unknown> };
}

/** A tool as offered to the model: built from a connector's name, description and args schema. */
export interface ToolSpec {
  readonly type: 'function';
  readonly function: { readonly name: string; readonly description: string; readonly parameters: Record<string, unknown> };
}

export interface ChatRequest {
  readonly model: string;
  readonly messages: readonly ChatMessage[];
  readonly tools: readonly ToolSpec[];
  /** JSON Schema for structured output, when the agent has one and no tools are left to call. */
  readonly format?: Record<string, unknown>;
}

export interface ChatReply {
  readonly message: ChatMessage;
  /** The model that answered (`gen_ai.response.model`). */
  readonly model: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly finishReason: string;
  /** How long the model says the reply took (Ollama's total_duration); a scripted turn's declared latency. */
  readonly durationMs?: number;
}

/** Anything that answers chat requests: Ollama live, Ollama mocked by MSW, a recording. */
export interface ModelClient {
  /** `timeoutMs`: the timeout behind `signal`, recorded in a timeout failure. */
  chat(request: ChatRequest, signal?: AbortSignal, timeoutMs?: number): Promise<ChatReply>;
  /** The digest the server reports for a model, for pinning; undefined when unknown. */
  digest(model: string, signal?: AbortSignal): Promise<string | undefined>;
}
