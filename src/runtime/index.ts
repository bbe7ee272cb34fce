export { startRuntime, type ServeOptions } from './serve.ts';
export { loadRuntimeConfig, RuntimeConfigSchema, type RuntimeConfig } from './config.ts';
