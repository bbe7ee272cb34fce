export { findProjectRoot } from './find-root.ts';
export { readProject, type ProjectLoad } from './read-project.ts';
export { writeJsonSchemas } from './write-schemas.ts';
export { readConfigFile } from './read-config-file.ts';
