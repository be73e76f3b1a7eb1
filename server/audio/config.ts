/**
 * Audio configuration, read from the environment. `server/config.ts` embeds the result as `audio`;
 * this module owns the variable names, defaults and validation so they are documented in one place
 * (docs/audio.md repeats them for operators).
 */
import { availableParallelism } from 'node:os';
import type { types as ms } from 'mediasoup';
import { z } from 'zod';

export interface AudioConfig {
  /** AUDIO_ENABLED (default true). When false no worker is started and audio:* requests answer `audio.unavailable`. */
  enabled: boolean;
  /** MEDIASOUP_WORKERS (default: one per core). */
  workers: number;
  /** MEDIASOUP_LISTEN_IP (default 127.0.0.1): the local address WebRTC transports bind to. */
  listenIp: string;
  /**
   * MEDIASOUP_ANNOUNCED_ADDRESS: the public IP or host name browsers should send media to, for a server
   * behind NAT or listening on 0.0.0.0. Required when `listenIp` is a wildcard address.
   */
  announcedAddress: string | undefined;
  /** MEDIASOUP_RTC_MIN_PORT / MEDIASOUP_RTC_MAX_PORT (default 40000–49999): UDP and TCP ports for media. */
  rtcMinPort: number;
  rtcMaxPort: number;
  /** MEDIASOUP_LOG_LEVEL (default warn). */
  logLevel: ms.WorkerLogLevel;
  /** How long a speaker may hold a running turn with nothing heard before moderators are told (ms). */
  silenceAfterMs: number;
  /** AudioLevelObserver interval: how often "speaking now" is refreshed (ms). */
  levelIntervalMs: number;
  /** Volume (dBov, -127…0) above which a producer counts as heard. */
  levelThresholdDb: number;
  /** AUDIO_BOOTH_SILENCE_MS (default 5000): a booth on air not heard from for this long → its listeners hear the floor. */
  boothSilenceMs: number;
  /**
   * AUDIO_CONSUMERS_PER_WORKER (default 500, mediasoup's guidance): listener slots a worker takes
   * for one meeting before that meeting's next listeners go to a router on another worker.
   */
  consumersPerWorker: number;
}

/** A configuration value that cannot be used; the message names the variable. */
export class AudioConfigError extends Error {
  override readonly name = 'AudioConfigError';
}

const WILDCARDS = new Set(['0.0.0.0', '::']);
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The audio environment variables, as zod entries: server/config.ts spreads this into its ENV_SCHEMA,
 * so they are validated (and named in errors) with every other variable at start-up.
 */
export const AUDIO_ENV_SCHEMA = {
  AUDIO_ENABLED: z.stringbool().default(true),
  /** Default: one worker per core. */
  MEDIASOUP_WORKERS: int(1, 64).optional(),
  MEDIASOUP_LISTEN_IP: z.string().trim().min(1).default('127.0.0.1'),
  MEDIASOUP_ANNOUNCED_ADDRESS: z.string().trim().min(1).optional(),
  MEDIASOUP_RTC_MIN_PORT: int(1024, 65535).default(40000),
  MEDIASOUP_RTC_MAX_PORT: int(1024, 65535).default(49999),
  MEDIASOUP_LOG_LEVEL: z.enum(['debug', 'warn', 'error', 'none']).default('warn'),
  AUDIO_SILENCE_AFTER_MS: int(500, 600_000).default(5000),
  AUDIO_LEVEL_INTERVAL_MS: int(100, 5000).default(400),
  AUDIO_BOOTH_SILENCE_MS: int(500, 600_000).default(5000),
  AUDIO_CONSUMERS_PER_WORKER: int(1, 100_000).default(500),
} satisfies z.ZodRawShape;
const AudioEnv = z.object(AUDIO_ENV_SCHEMA);
export type AudioEnv = z.infer<typeof AudioEnv>;

/**
 * The audio settings from already-parsed variables (the server's Config has them all). Checks the
 * rules that span several variables; throws AudioConfigError naming them.
 */
export function audioConfig(env: AudioEnv): AudioConfig {
  const listenIp = env.MEDIASOUP_LISTEN_IP;
  // A wildcard bind has no address a browser could use: mediasoup would advertise 0.0.0.0.
  if (WILDCARDS.has(listenIp) && !env.MEDIASOUP_ANNOUNCED_ADDRESS) {
    throw new AudioConfigError(
      `MEDIASOUP_LISTEN_IP=${listenIp} needs MEDIASOUP_ANNOUNCED_ADDRESS (the public IP or host name clients reach)`,
    );
  }
  if (env.MEDIASOUP_RTC_MAX_PORT < env.MEDIASOUP_RTC_MIN_PORT) {
    throw new AudioConfigError('MEDIASOUP_RTC_MAX_PORT must not be below MEDIASOUP_RTC_MIN_PORT');
  }
  return {
    enabled: env.AUDIO_ENABLED,
    workers: env.MEDIASOUP_WORKERS ?? availableParallelism(),
    listenIp,
    announcedAddress: env.MEDIASOUP_ANNOUNCED_ADDRESS,
    rtcMinPort: env.MEDIASOUP_RTC_MIN_PORT,
    rtcMaxPort: env.MEDIASOUP_RTC_MAX_PORT,
    logLevel: env.MEDIASOUP_LOG_LEVEL,
    silenceAfterMs: env.AUDIO_SILENCE_AFTER_MS,
    levelIntervalMs: env.AUDIO_LEVEL_INTERVAL_MS,
    levelThresholdDb: -70,
    boothSilenceMs: env.AUDIO_BOOTH_SILENCE_MS,
    consumersPerWorker: env.AUDIO_CONSUMERS_PER_WORKER,
  };
}

/** Reads raw variables (empty means unset); for tests and tools that have no server Config. */
export function audioConfigFromEnv(env: Record<string, string | undefined> = process.env): AudioConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = AudioEnv.safeParse(cleaned);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new AudioConfigError(`${i?.path.join('.')}: ${i?.message}`);
  }
  return audioConfig(r.data);
}

/** The listen infos every WebRtcTransport gets: UDP preferred, TCP as a fallback through strict firewalls. */
export function listenInfos(c: AudioConfig): ms.TransportListenInfo[] {
  const base = {
    ip: c.listenIp,
    portRange: { min: c.rtcMinPort, max: c.rtcMaxPort },
    ...(c.announcedAddress ? { announcedAddress: c.announcedAddress } : {}),
  };
  return [
    { protocol: 'udp', ...base },
    { protocol: 'tcp', ...base },
  ];
}
