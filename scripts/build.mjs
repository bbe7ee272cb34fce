// `npm run build`: the CLI as bundled ES modules in dist/. Two entries (dist/cli/main.js, and
// dist/eval-worker.js for `eval --workers`) and one chunk per lazily loaded command, so
// `tollgate X` reads a handful of files instead of the thousands a node_modules tree holds (most
// of a command's start-up time was module loading).
// Kept outside the bundle: the native SQLite driver, tsx (loads a project's TypeScript mocks),
// msw (a project's handlers and tollgate's must be one copy), pino (its transports are threads
// that load files by name) and React DevTools (ink imports it only under DEV=true). Those four are
// the package's only runtime dependencies; everything else is bundled (devDependencies).
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { 'cli/main': 'src/cli/main.ts', 'eval-worker': 'src/evals/eval-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  jsx: 'automatic',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['better-sqlite3', 'tsx', 'msw', 'pino', 'react-devtools-core'],
  // React's production build: a fraction of the development build's code to compile at start.
  // The YAML parser's version keys the parsed-definitions cache (src/project/parse-cache.ts).
  define: { 'process.env.NODE_ENV': '"production"', __TOLLGATE_YAML_VERSION__: JSON.stringify(JSON.parse(readFileSync('node_modules/yaml/package.json', 'utf8')).version) },
  // Bundled CommonJS dependencies call require() for Node's built-ins.
  banner: { js: "import { createRequire as __tollgateRequire } from 'node:module'; const require = __tollgateRequire(import.meta.url);" },
  legalComments: 'none',
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
});
