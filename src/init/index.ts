export { scaffold, type Scaffolded } from './scaffold.ts';
export { TEMPLATES, type TemplateName } from './templates.ts';
