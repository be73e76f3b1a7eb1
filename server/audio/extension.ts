/**
 * The audio engine as a server extension: one AudioService per server (workers start on first use),
 * fed by the meeting service's onApplied so the floor is enforced as soon as it changes, and the
 * audio:* socket events on every connection.
 */
import type { AppContext, ServerExtension } from '../context.js';
import { audioConfig } from './config.js';
import { AudioService } from './service.js';
import { registerAudioHandlers } from './socket.js';
import { AudioError, type AudioServerMessage } from './types.js';

/**
 * One extension object may serve several servers in one process (tests start many), so the service
 * is kept per server — keyed by its MeetingService, which the app object and its context share.
 */
const services = new WeakMap<AppContext['service'], AudioService>();

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
      const audio = AudioService.create(audioConfig(ctx.config), {
        outbox: { send: (peerId, m) => emitTo(ctx, peerId, m) },
        loadState: (meetingId) => ctx.service.get(meetingId),
        log: (level, message, detail) => log[level](detail ?? {}, message),
      });
      services.set(ctx.service, audio);
      ctx.service.onApplied((meetingId, state) => audio.onApplied(meetingId, state));
    },
    socket(socket, ctx) {
      registerAudioHandlers(socket, ctx, () => audioServiceOf(ctx));
    },
    async close(ctx) {
      await services.get(ctx.service)?.close();
      services.delete(ctx.service);
    },
  };
}

/**
 * Sends to one connection of this process. Audio rooms live in the process that hosts the router,
 * so the socket is always local; no adapter round trip is needed.
 */
function emitTo(ctx: AppContext, socketId: string, m: AudioServerMessage): void {
  const socket = ctx.io.sockets.sockets.get(socketId);
  // The union of (event, payload) pairs is correct by construction (AudioServerMessage is derived from
  // ServerToClientEvents), but TypeScript cannot correlate the two members through a union.
  (socket?.emit as ((event: string, payload: unknown) => boolean) | undefined)?.call(socket, m.event, m.payload);
}
