#!/usr/bin/env node
// The CLI ships bundled (npm install and npm pack build dist/); a checkout without dist/ runs the
// TypeScript sources through tsx instead.
import { existsSync } from 'node:fs';
import module from 'node:module';

// Node 22.1 and later keep compiled code between runs (Node 20 has no such cache): every start
// after the first skips most of the compiling.
module.enableCompileCache?.();

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
