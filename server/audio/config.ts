/**
 * Audio configuration, read from the environment. `server/config.ts` embeds the result as `audio`;
 * this module owns the variable names, defaults and validation so they are documented in one place
 * (docs/audio.md repeats them for operators).
 */
import { availableParallelism } from 'node:os';
import type { types as ms } from 'mediasoup';

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
}

/** A configuration value that cannot be used; the message names the variable. */
export class AudioConfigError extends Error {
  override readonly name = 'AudioConfigError';
}

const WILDCARDS = new Set(['0.0.0.0', '::']);
const LOG_LEVELS: readonly ms.WorkerLogLevel[] = ['debug', 'warn', 'error', 'none'];

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new AudioConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return n;
}

function bool(env: NodeJS.ProcessEnv, name: string, dflt: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return dflt;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new AudioConfigError(`${name} must be true or false (got "${raw}")`);
}

/**
 * Reads and validates the audio settings. Throws AudioConfigError with the variable's name, so a bad
 * deployment fails at start-up rather than on the first browser that connects.
 */
export function audioConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AudioConfig {
  const listenIp = env.MEDIASOUP_LISTEN_IP?.trim() || '127.0.0.1';
  const announcedAddress = env.MEDIASOUP_ANNOUNCED_ADDRESS?.trim() || undefined;
  // A wildcard bind has no address a browser could use: mediasoup would advertise 0.0.0.0.
  if (WILDCARDS.has(listenIp) && !announcedAddress) {
    throw new AudioConfigError(
      `MEDIASOUP_LISTEN_IP=${listenIp} needs MEDIASOUP_ANNOUNCED_ADDRESS (the public IP or host name clients reach)`,
    );
  }
  const rtcMinPort = int(env, 'MEDIASOUP_RTC_MIN_PORT', 40000, 1024, 65535);
  const rtcMaxPort = int(env, 'MEDIASOUP_RTC_MAX_PORT', 49999, 1024, 65535);
  if (rtcMaxPort < rtcMinPort) {
    throw new AudioConfigError('MEDIASOUP_RTC_MAX_PORT must not be below MEDIASOUP_RTC_MIN_PORT');
  }
  const logLevel = (env.MEDIASOUP_LOG_LEVEL?.trim() || 'warn') as ms.WorkerLogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new AudioConfigError(`MEDIASOUP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    enabled: bool(env, 'AUDIO_ENABLED', true),
    workers: int(env, 'MEDIASOUP_WORKERS', availableParallelism(), 1, 64),
    listenIp,
    announcedAddress,
    rtcMinPort,
    rtcMaxPort,
    logLevel,
    silenceAfterMs: int(env, 'AUDIO_SILENCE_AFTER_MS', 5000, 500, 600_000),
    levelIntervalMs: int(env, 'AUDIO_LEVEL_INTERVAL_MS', 400, 100, 5000),
    levelThresholdDb: -70,
  };
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
