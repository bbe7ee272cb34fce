import type { AgentDefinition } from '../workflow/index.ts';
import { RunEnded } from './errors.ts';
import type { RunScope } from './run-scope.ts';

/** The model an agent runs on: `--model`, else its pinned name, else its risk route's model. */
export function resolveModel(scope: RunScope, agent: AgentDefinition): string {
  if (scope.input.modelOverride) return scope.input.modelOverride;
  if ('name' in agent.model) return agent.model.name;
  const routed = scope.input.routeModels?.[agent.model.route];
  if (routed) return routed;
  const model = scope.defs.project.models.routes[agent.model.route];
  if (!model) throw new RunEnded('failed', `model route "${agent.model.route}" is not defined in tollgate.yaml`);
  return model;
}

/** Refuses a model whose digest differs from the pin (agent's own, or tollgate.yaml's digests). */
export async function verifyModelPin(scope: RunScope, agent: AgentDefinition, model: string, stepKey: string): Promise<void> {
  const pinned = ('name' in agent.model && agent.model.name === model ? agent.model.digest : undefined) ?? scope.defs.project.models.digests[model];
  if (!pinned) return;
  const { value: actual } = await scope.journal.effect('model.digest', stepKey, { model }, () => scope.effects.model.digest(model));
  const norm = (d: string) => d.replace(/^sha256:/, '');
  if (!actual || !norm(actual).startsWith(norm(pinned))) {
    throw new RunEnded('failed', `model ${model} is pinned to digest ${pinned} but Ollama reports ${actual ?? 'no such model'}: pull the pinned version or update the pin`);
  }
}
