#!/usr/bin/env node
// npm run dev: the Vite dev server (proxies /socket.io, /api, /healthz to PORT) and the server with
// reload on change (tsx watch). Printed links point at the Vite server unless PUBLIC_URL is set.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitePort = process.env.VITE_PORT ?? '5173';
const env = { ...process.env, PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${vitePort}` };

const children = [
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'server/main.ts'], { stdio: 'inherit', cwd: root, env }),
  spawn('npx', ['vite', '--port', vitePort, '--host'], { stdio: 'inherit', cwd: root, env }),
];

let exiting = false;
const stopAll = (code) => {
  if (exiting) return;
  exiting = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
};
for (const c of children) c.on('exit', (code) => stopAll(code ?? 0));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => stopAll(0));
