#!/usr/bin/env node
// npm run dev: the Vite dev server (proxies /socket.io, /api, /healthz to PORT) and the server with
// reload on change (tsx watch). Printed links point at the Vite server unless PUBLIC_URL is set.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);
const vitePort = process.env.VITE_PORT ?? '5173';
const env = { ...process.env, PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${vitePort}` };

// Each child leads its own process group so stopping kills its grandchildren too (tsx watch
// runs the server in a child of its own).
const opts = { stdio: 'inherit', cwd: root, env, detached: true };
const children = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/main.ts'], opts),
  spawn(bin('vite'), ['--port', vitePort, '--host'], opts),
];

let exiting = false;
const stopAll = (code) => {
  if (exiting) return;
  exiting = true;
  for (const c of children) {
    try {
      process.kill(-c.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 1000).unref();
};
for (const c of children) c.on('exit', (code) => stopAll(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => stopAll(0));
