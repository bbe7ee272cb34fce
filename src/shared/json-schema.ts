import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';

/**
 * The one Ajv of a process, for every JSON Schema a project writes (tool arguments, agent output):
 * each instance compiles the 2020-12 meta-schema once (~45 ms), and validation and the engine
 * compiling the same schema object share the work. Strict about keywords, so validation can name an
 * unknown one; the engine only meets schemas validation accepted. `addUsedSchema: false`: a schema
 * read again (a reload, a resumed run's snapshot) may carry the same `$id` as before.
 */
export const ajv = new Ajv2020({ strictSchema: true, strictTypes: false, strictTuples: false, strictRequired: false, allErrors: true, logger: false, addUsedSchema: false });

const validators = new WeakMap<object, ValidateFunction>();

/** The compiled validator of a schema object (compiled once per object). */
export function validatorOf(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  return validate;
}
