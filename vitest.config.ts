// SPDX-License-Identifier: Apache-2.0
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const contract = fileURLToPath(new URL('./src-main/contract', import.meta.url));

export default defineConfig({
  resolve: { alias: { '@contract': contract } },
  test: {
    projects: [
      {
        resolve: { alias: { '@contract': contract } },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/core/**/*.test.ts', 'test/contract/**/*.test.ts', 'test/cli/**/*.test.ts', 'test/serve/**/*.test.ts', 'test/renderer/**/*.test.ts', 'test/bad-input/**/*.test.ts', 'test/shell/**/*.test.ts', 'test/lint/**/*.test.ts'],
        },
      },
      {
        resolve: { alias: { '@contract': contract } },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias: { '@contract': contract } },
        test: {
          name: 'kind',
          environment: 'node',
          include: ['test/e2e/**/*.kind.ts'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        resolve: { alias: { '@contract': contract } },
        test: {
          name: 'cluster',
          environment: 'node',
          include: ['test/integration/**/*.int.test.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
