#!/usr/bin/env node
// The CLI ships compiled (npm install and npm pack build dist/); a checkout without dist/ runs the
// TypeScript sources through tsx instead.
import { existsSync } from 'node:fs';

const compiled = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
