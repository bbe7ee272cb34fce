export { App } from './app.tsx';
export type { TuiData } from './data.ts';
