import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Not UTC, so code that reads a date in the server's own zone shows up here, not in production.
    env: { TZ: 'Asia/Tokyo' },
  },
});
