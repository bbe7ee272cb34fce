export { ModelScriptSchema, type ModelScript, type ScriptedTurn } from '../workflow/index.ts';

const SYSTEM_HEADER = /^You are the "([^"]+)" agent of the "([^"]+)" workflow\./;

/** First line of every agent's system prompt; the scripted server reads the agent's name from it. */
export function systemHeader(agent: string, workflow: string): string {
  return `You are the "${agent}" agent of the "${workflow}" workflow.`;
}

export function agentFromSystemPrompt(system: string | undefined): string | undefined {
  return system ? SYSTEM_HEADER.exec(system)?.[1] : undefined;
}
