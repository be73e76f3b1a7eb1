/**
 * Configuration from environment variables, validated by zod at start-up. A wrong value stops the
 * process with a message naming the variable. To add settings (e.g. the audio engineer's
 * MEDIASOUP_* variables) add entries to `ENV_SCHEMA` below: that is the one place.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { AUDIO_ENV_SCHEMA } from './audio/config.js';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** Every environment variable Plenary reads, with its default. Keys are the variable names. */
export const ENV_SCHEMA = {
  PORT: int(0, 65535).default(3000),
  /** 0.0.0.0 so phones on the LAN can join; tests pass 127.0.0.1. */
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** HMAC key for join tokens; generated once and persisted in DATA_DIR/secret when absent. */
  PLENARY_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Base of printed and minted links; default http://localhost:PORT. */
  PUBLIC_URL: z.url().optional(),
  /** When set: Redis event store + Socket.IO Redis adapter (several processes). */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').optional(),
  REDIS_PREFIX: z.string().min(1).max(100).default('plenary:'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Directory of the built client (static files). */
  CLIENT_DIR: z.string().min(1).default('./dist/client'),
  /** A disconnected participant turns absent after this long unless they rejoin (reload). */
  PRESENCE_GRACE_MS: int(0, 600_000).default(5_000),
  /** With REDIS_URL: each process refreshes its presence entry this often; a process silent for 3× this counts as gone. */
  PRESENCE_HEARTBEAT_MS: int(20, 60_000).default(2_000),
  /** Sockets that have not joined after this long are closed. */
  JOIN_TIMEOUT_MS: int(100, 600_000).default(10_000),
  /**
   * Connections one person may hold in one process (several tabs and devices); for the projector
   * and room links, which name nobody, connections per link. Beyond it a join gets `too_many_connections`.
   */
  MAX_CONNECTIONS_PER_TOKEN: int(1, 10_000).default(10),
  /** Token bucket per person (per connection before the join): sustained messages per second and burst; see docs/protocol.md, Limits. */
  RATE_LIMIT_PER_SEC: int(1, 100_000).default(20),
  RATE_LIMIT_BURST: int(1, 100_000).default(40),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** How often due system commands (timers) are checked. */
  TICK_MS: int(10, 60_000).default(1_000),
  /** A client further behind than this gets a snapshot instead of the missed events. */
  CATCHUP_MAX_EVENTS: int(1, 100_000).default(500),
  /** Store a snapshot every N events (0 = never); snapshots only speed up loading. */
  SNAPSHOT_EVERY: int(0, 1_000_000).default(200),
  // --- audio (mediasoup): AUDIO_ENABLED, MEDIASOUP_* — defined and documented in server/audio/config.ts ---
  ...AUDIO_ENV_SCHEMA,
} satisfies z.ZodRawShape;

export const EnvSchema = z.object(ENV_SCHEMA);
export type Env = z.infer<typeof EnvSchema>;

/** The validated environment plus values derived from it. */
export type Config = Env & {
  /** Signing key actually in use (from PLENARY_SECRET or DATA_DIR/secret). */
  secret: string;
  /** Absolute DATA_DIR. */
  dataDir: string;
};

/** A configuration problem; its message names the variable(s) at fault. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses and validates the environment; throws ConfigError naming the bad variables. */
export function parseEnv(env: Record<string, string | undefined>): Env {
  // An empty variable (`REDIS_URL=`) means "unset", as in most tools.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = EnvSchema.safeParse(cleaned);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return r.data;
}

/**
 * Reads the signing secret: PLENARY_SECRET if given, else DATA_DIR/secret, creating it (mode 600)
 * on first start so that tokens survive restarts.
 */
export function resolveSecret(env: Env, dataDir: string): string {
  if (env.PLENARY_SECRET) return env.PLENARY_SECRET;
  const file = join(dataDir, 'secret');
  if (existsSync(file)) {
    const s = readFileSync(file, 'utf8').trim();
    if (s.length >= 16) return s;
    throw new ConfigError(`Invalid configuration:\n  ${file}: secret is too short; delete it to regenerate`);
  }
  const s = randomBytes(32).toString('base64url');
  // 'wx' fails if another process created it meanwhile: then read theirs.
  try {
    writeFileSync(file, `${s}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(file, 0o600);
    return s;
  } catch {
    return readFileSync(file, 'utf8').trim();
  }
}

/** Validates the environment, creates DATA_DIR and resolves the secret. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = parseEnv(env);
  const dataDir = resolve(parsed.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  return { ...parsed, dataDir, secret: resolveSecret(parsed, dataDir) };
}
