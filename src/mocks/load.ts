import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TollgateError } from '../shared/index.ts';
import type { MocksModule, WorldFactory } from './contract.ts';
import { letMocksFindMsw } from './find-msw.ts';
import { handlerWorld } from './handler-world.ts';

const MOCK_FILES = ['index.js', 'index.mjs', 'index.ts', 'index.mts'];

/** Loads a project's `fixtures/tools/index.*` and returns how to build one run's world from it. */
export async function loadMocks(root: string): Promise<WorldFactory> {
  const dir = path.join(root, 'fixtures', 'tools');
  const file = MOCK_FILES.map((f) => path.join(dir, f)).find((f) => existsSync(f));
  const shown = (f: string) => path.relative(process.cwd(), f) || f;
  if (!file) throw new TollgateError('TG_NO_TOOL_MOCKS', `no tool mocks: expected ${shown(path.join(dir, 'index.js'))} (or index.ts) exporting createHandlers()`);
  let module: MocksModule;
  try {
    module = (await importMocks(file)) as MocksModule;
  } catch (error) {
    throw new TollgateError('TG_NO_TOOL_MOCKS', `cannot load ${shown(file)}: ${loadMessage(error)}`);
  }
  const { createHandlers, createToolWorld } = module;
  if (typeof createHandlers === 'function') {
    return async (run) => {
      const handlers = await createHandlers(run);
      if (!Array.isArray(handlers)) throw new TollgateError('TG_NO_TOOL_MOCKS', `${shown(file)}: createHandlers() must return an array of MSW request handlers`);
      return handlerWorld(handlers);
    };
  }
  if (typeof createToolWorld === 'function') return async (run) => createToolWorld(run);
  throw new TollgateError('TG_NO_TOOL_MOCKS', `${shown(file)} exports neither createHandlers() (MSW request handlers) nor createToolWorld()`);
}

/**
 * Imports a project's mocks. JavaScript loads as it is; TypeScript loads through tsx, and only
 * when the running Node cannot load it itself (the compiled CLI on Node 20 cannot; tests and
 * `tsx` runs can).
 */
async function importMocks(file: string): Promise<unknown> {
  if (!resolvesFrom('msw', file)) letMocksFindMsw();
  const url = pathToFileURL(file).href;
  if (!/\.m?ts$/.test(file)) return import(url);
  try {
    return await import(url);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw error;
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(url, import.meta.url);
  }
}

/** Whether `specifier` resolves from `file`'s folder (node_modules above it), without loading it. */
function resolvesFrom(specifier: string, file: string): boolean {
  try {
    createRequire(file).resolve(specifier);
    return true;
  } catch {
    return false;
  }
}

/** A loader's message keeps where it failed (file:line) but not a stack. */
function loadMessage(error: unknown): string {
  const message = (error as Error).message ?? String(error);
  return message.split('\n').filter((l) => l.trim() && !/^\s+at /.test(l)).slice(0, 6).join('\n');
}
