import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));
const serverPort = process.env.PORT ?? '3000';
const backend = `http://127.0.0.1:${serverPort}`;

export default defineConfig({
  root: `${here}client`,
  plugins: [vue()],
  build: { outDir: `${here}dist/client`, emptyOutDir: true, target: 'es2022' },
  server: {
    port: Number(process.env.VITE_PORT ?? 5173),
    proxy: {
      '/socket.io': { target: backend, ws: true },
      '/api': backend,
      '/healthz': backend,
    },
  },
  test: {
    root: here,
    projects: [
      {
        test: {
          name: 'unit',
          root: here,
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          root: here,
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
      {
        // npm run test:faults: crashes, Redis restarts, floods, hostile input against real server
        // processes (docs/faults.md). Run after the other projects by scripts/test.sh.
        test: {
          name: 'faults',
          root: here,
          include: ['test/faults/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          root: here,
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
