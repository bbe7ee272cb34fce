import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Installs the Debian tools some tests need when they are missing (xmllint, chromium, tmux).
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Test files share a worker's module cache: importing src/ again for every file was a quarter of
    // the suite's time. Tests hold their state in their own temp projects and databases, not in modules.
    isolate: false,
    // Two test files at once even on two cores (vitest's default there is one): most long files
    // wait on child processes, timers and I/O rather than compute.
    maxWorkers: 2,
  },
});
