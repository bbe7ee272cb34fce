import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Installs the Debian tools some tests need when they are missing (xmllint, chromium, tmux).
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Two test files at once even on two cores (vitest's default there is one): most long files
    // wait on child processes, timers and I/O rather than compute.
    maxWorkers: 2,
  },
});
