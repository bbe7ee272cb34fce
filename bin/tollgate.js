#!/usr/bin/env node
// The CLI ships bundled (npm install and npm pack build dist/); a checkout without dist/ runs the
// TypeScript sources through tsx instead.
import { existsSync } from 'node:fs';
import module from 'node:module';
import v8 from 'node:v8';

// Node 22.1 and later keep compiled code between runs (Node 20 has no such cache): every start
// after the first skips most of the compiling.
module.enableCompileCache?.();

// V8 lets the heap grow to up to four times what survived the last full collection when a program
// allocates fast, as an eval of thousands of cases does: 4,000 cases peaked at 350 MB with 50 MB
// live. Growing by half instead keeps the peak near 230 MB at the same speed (npm run bench). A
// setting of the user's own (NODE_OPTIONS or a flag) wins.
const tuned = [...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((a) => /heap-growing-percent|max-old-space-size/.test(a));
if (!tuned) v8.setFlagsFromString('--heap-growing-percent=50');

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
