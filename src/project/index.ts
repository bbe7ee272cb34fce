export { findProjectRoot } from './find-root.ts';
export { FOR_RUNS, readProject, type ProjectLoad, type ReadOptions } from './read-project.ts';
export { writeJsonSchemas } from './write-schemas.ts';
export { readConfigFile } from './read-config-file.ts';
export { validatePaths, type ValidationReport } from './validate-paths.ts';
