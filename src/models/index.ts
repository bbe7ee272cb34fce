export { OllamaModelClient, DEFAULT_OLLAMA_HOST } from './ollama-client.ts';
export { ModelScriptSchema, systemHeader, agentFromSystemPrompt, type ModelScript } from './model-script.ts';
export { scriptedOllamaHandlers, scriptedDigest, RUN_HEADER } from './scripted-ollama.ts';
