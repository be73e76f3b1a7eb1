#!/usr/bin/env node
// npm start: build the client if dist/client is missing, then run the server (one process serving
// the client and the Socket.IO endpoint). Environment: see server/config.ts (PORT, HOST, DATA_DIR…).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

if (!existsSync(join(root, 'dist/client/index.html'))) {
  console.log('Building the client (dist/client is missing)…');
  const r = spawnSync('npx', ['vite', 'build'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) {
    console.error('Client build failed: the server starts anyway (API and sockets work; pages answer 503).');
  }
}

const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
