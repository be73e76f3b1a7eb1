/**
 * server/main.ts as a real child process, for tests that need what an in-process server cannot
 * give: SIGKILL mid-write, or a process whose heartbeat stops. Port 0 on 127.0.0.1, no audio, no
 * client build, logs silenced; `env` adds to (or overrides) those and must set DATA_DIR.
 *
 *   const p = await spawnServerProcess({ DATA_DIR: dir, REDIS_URL: '' });
 *   const mod = await connectClient(p.url, p.token('moderator'));
 *   p.child.kill('SIGKILL');
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './server.js';

export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  url: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** The token of a demo link the process printed, e.g. token('moderator'), token('participant'). */
  token(page: string): string;
}

/** Starts server/main.ts and resolves once its start-up banner is printed; kills it if it never is. */
export async function spawnServerProcess(env: Record<string, string> & { DATA_DIR: string }): Promise<ServerProcess> {
  // SERVER_NODE_ARGS adds node flags to the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"
  // to profile a fault scenario (NODE_OPTIONS refuses --cpu-prof).
  const nodeArgs = process.env.SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: join(import.meta.dirname, '../..'),
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      AUDIO_ENABLED: 'false',
      CLIENT_DIR: join(env.DATA_DIR, 'no-client'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  let port: string;
  try {
    // The banner is one write ending in a blank line; wait for all of it, links included.
    port = await waitFor(
      () => (/Plenary is running[\s\S]*\n\n/.test(out) ? /http:\/\/localhost:(\d+)/.exec(out)?.[1] : undefined),
      30_000,
      'server process started',
    );
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    child,
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    token(page) {
      const m = new RegExp(`/${page}\\?t=(\\S+)`).exec(out);
      if (!m) throw new Error(`the server printed no ${page} link`);
      return m[1]!;
    },
  };
}
