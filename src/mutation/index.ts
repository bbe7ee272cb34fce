export { mutateProject, suiteDigest, operatorsFor, type MutateOptions } from './mutate.ts';
export { judgeMutation } from './judge.ts';
export { generateMutants } from './generate.ts';
export { OPERATORS } from './operators/index.ts';
export { mutationText, mutationMarkdown, scoreLine } from './format.ts';
export { runMutants, gateObjection } from './run.ts';
export { editYaml } from './yaml-edit.ts';
export type { Mutant, MutantResult, MutationReport, MutationOperator } from './types.ts';
export { profileOf, type CaseProfile } from './case-order.ts';
