/**
 * The audio engine as a server extension: one AudioService per server (workers start on first use),
 * fed by the meeting service's onApplied so the floor is enforced as soon as it changes, and the
 * audio:* socket events on every connection.
 */
import type { AppContext, ServerExtension } from '../context.js';
import { audioConfig } from './config.js';
import { AudioService } from './service.js';
import { AudioCluster } from './cluster.js';
import { registerAudioHandlers, runAudioRequest } from './socket.js';
import { AudioError, type AudioServerMessage } from './types.js';

/**
 * One extension object may serve several servers in one process (tests start many), so the service
 * is kept per server — keyed by its MeetingService, which the app object and its context share.
 */
const services = new WeakMap<AppContext['service'], AudioService>();
/** With Redis: which process owns each meeting's audio, and the relay to it (cluster.ts). */
const clusters = new WeakMap<AppContext['service'], AudioCluster>();
/** Each app's audio events (registered once per server in setup; a closed connection leaves). */
const sockets = new WeakMap<AppContext['service'], ReturnType<typeof registerAudioHandlers>>();

/** The AudioService of a running server (`app` or its context), for tests and diagnostics. */
export function audioServiceOf(ctx: Pick<AppContext, 'service'>): AudioService {
  const s = services.get(ctx.service);
  if (!s) throw new AudioError('audio.unavailable', 'Audio is not running');
  return s;
}

export function audioExtension(): ServerExtension {
  return {
    name: 'audio',
    setup(ctx) {
      const log = ctx.logger.child({ part: 'audio' });
      const cluster = ctx.config.REDIS_URL
        ? new AudioCluster(ctx.config.REDIS_URL, ctx.config.REDIS_PREFIX, ctx.io, (rpc) => runAudioRequest(audio, rpc), log)
        : null;
      const audio: AudioService = AudioService.create(audioConfig(ctx.config), {
        outbox: { send: (peerId, m) => emitTo(ctx, peerId, m, cluster !== null) },
        loadState: (meetingId) => ctx.service.get(meetingId),
        log: (level, message, detail) => log[level](detail ?? {}, message),
        onRoomClosed: (meetingId) => void cluster?.release(meetingId).catch(() => undefined),
      });
      services.set(ctx.service, audio);
      if (cluster) clusters.set(ctx.service, cluster);
      ctx.service.onApplied((meetingId, state) => audio.onApplied(meetingId, state));
      sockets.set(ctx.service, registerAudioHandlers(ctx, () => audioServiceOf(ctx), () => clusters.get(ctx.service) ?? null));
    },
    socket(socket, ctx) {
      // The audio events themselves are registered once, in setup; a closed connection leaves its room.
      socket.on('disconnect', () => sockets.get(ctx.service)?.disconnected(socket));
    },
    async close(ctx) {
      await clusters.get(ctx.service)?.close();
      clusters.delete(ctx.service);
      await services.get(ctx.service)?.close();
      services.delete(ctx.service);
    },
  };
}

/**
 * Sends to one connection. A meeting's audio lives in one process; a connection of another process
 * (several processes on Redis, cluster.ts) is reached through the Socket.IO adapter by its id.
 */
function emitTo(ctx: AppContext, socketId: string, m: AudioServerMessage, clustered: boolean): void {
  const socket = ctx.io.sockets.sockets.get(socketId);
  // The union of (event, payload) pairs is correct by construction (AudioServerMessage is derived from
  // ServerToClientEvents), but TypeScript cannot correlate the two members through a union.
  type Emit = (event: string, payload: unknown) => boolean;
  if (socket) (socket.emit as Emit).call(socket, m.event, m.payload);
  else if (clustered) {
    const remote = ctx.io.to(socketId);
    (remote.emit as Emit).call(remote, m.event, m.payload);
  }
}
