import { editYaml } from '../yaml-edit.ts';
import type { MutationOperator } from '../types.ts';

/** Each model route pointed at another model of the project. */
export const swapRouteModel: MutationOperator = {
  id: 'swap-route-model',
  title: "swap a route's model",
  generate: ({ definitions, files }) => {
    const project = definitions.project;
    if (!project) return [];
    const models = project.value.models;
    const known = [...new Set([models.default, ...Object.values(models.routes), ...Object.keys(models.prices)])];
    const users = (route: string) => definitions.workflows.filter((w) => Object.values(w.value.agents).some((a) => 'route' in a.model && a.model.route === route)).map((w) => w.value.id);
    return Object.entries(models.routes).flatMap(([route, model]) => {
      const other = known.find((m) => m !== model);
      if (!other) return [];
      return [{
        id: `swap-route-model@${project.source.file}#models.routes.${route}`, operator: 'swap-route-model', workflows: users(route),
        description: `route ${route}: ${model} → ${other}`,
        edits: [editYaml(project.source.file, files[project.source.file]!, (doc) => doc.setIn(['models', 'routes', route], other))],
        hint: `a case through route ${route} whose cost or tokens the baseline pins (gate.yaml baseline.drift on cost_usd or tokens, both ways)`,
      }];
    });
  },
};
