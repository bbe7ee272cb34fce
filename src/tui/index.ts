export { App } from './app.tsx';
export type { TuiSource, RunSummary, EvalView } from './source.ts';
export type { Screen } from './components/view-props.ts';
export { WorkbenchSource } from './workbench-source.ts';
