/**
 * Child processes for the benchmarks: the server under test and the client fleets each run in
 * their own process, so neither shares an event loop with the other (or with the driver). Messages
 * are request/reply over the IPC channel, matched by `id`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Child {
  proc: ChildProcess;
  /** Sends `msg` and resolves with the child's reply (rejects if the child dies or answers an error). */
  call<T = unknown>(msg: Record<string, unknown>): Promise<T>;
  /** Asks the child to stop and waits for it to exit. */
  stop(): Promise<void>;
}

let nextId = 1;

/** Forks `script` (a .ts file next to the benchmarks) under tsx, with `env` added to ours. */
export function spawnChild(script: URL, env: Record<string, string> = {}, execArgv: string[] = []): Child {
  const proc = fork(fileURLToPath(script), {
    execArgv: ['--import', 'tsx', '--expose-gc', ...execArgv],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited = false;
  proc.on('message', (m: { id?: number; ok?: boolean; value?: unknown; error?: string }) => {
    const w = m.id !== undefined ? waiting.get(m.id) : undefined;
    if (!w) return;
    waiting.delete(m.id!);
    if (m.ok) w.resolve(m.value);
    else w.reject(new Error(m.error ?? 'child failed'));
  });
  proc.on('exit', (code) => {
    exited = true;
    for (const w of waiting.values()) w.reject(new Error(`${script.pathname} exited (${code})`));
    waiting.clear();
  });
  return {
    proc,
    call<T>(msg: Record<string, unknown>) {
      if (exited) return Promise.reject(new Error(`${script.pathname} is not running`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        proc.send({ ...msg, id });
      });
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((r) => proc.once('exit', r));
      proc.send({ kind: 'stop', id: 0 });
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/**
 * The child's side: answers each request with `handler`'s result; `stop` ends the process after
 * `onStop`.
 */
export function serveParent(handler: (msg: { kind: string } & Record<string, unknown>) => Promise<unknown>, onStop: () => Promise<void> = async () => undefined): void {
  process.on('message', (msg: { kind: string; id: number } & Record<string, unknown>) => {
    void (async () => {
      if (msg.kind === 'stop') {
        await onStop().catch(() => undefined);
        process.exit(0);
      }
      try {
        process.send!({ id: msg.id, ok: true, value: await handler(msg) });
      } catch (e) {
        process.send!({ id: msg.id, ok: false, error: e instanceof Error ? e.stack ?? e.message : String(e) });
      }
    })();
  });
  // The parent died: do not linger.
  process.on('disconnect', () => process.exit(0));
}

/** Heap and RSS after a full GC (children run with --expose-gc). */
export function memory(): { heapMb: number; rssMb: number } {
  (globalThis as { gc?: () => void }).gc?.();
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapMb: m.heapUsed / 1e6, rssMb: m.rss / 1e6 };
}
