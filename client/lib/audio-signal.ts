/**
 * The audio client's signalling: typed `audio:*` requests over the session's socket (an answer that
 * never comes becomes an error result, never a throw) and mediasoup-client transports wired to them.
 */
import type { Device, types as msc } from 'mediasoup-client';
import type { ClientToServerEvents } from '../../shared/protocol.js';
import type { ClientSocket } from './plenary-client.js';

type Req = keyof ClientToServerEvents & `audio:${string}`;
type Res<E extends Req> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];

/** Sends one `audio:*` request and resolves with its ack. */
export type AudioRequest = <E extends Req>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]) => Promise<Res<E>>;

/** Requests over `socket`, each waiting at most 10 s for its answer. */
export function audioRequester(socket: ClientSocket): AudioRequest {
  return <E extends Req>(event: E, payload: Parameters<ClientToServerEvents[E]>[0]): Promise<Res<E>> => {
    type R = Res<E>;
    // socket.io's typed emitWithAck cannot see through the generic E (as in plenary-client.ts).
    const s = socket.timeout(10_000) as unknown as { emitWithAck: (ev: string, arg: unknown) => Promise<R> };
    return s.emitWithAck(event, payload).catch(() => ({ ok: false, error: { code: 'internal', message: `No answer (${event})` } }) as R);
  };
}

/**
 * Asks the server for a transport and builds it on the device (read after the answer, as the
 * caller may have torn it down meanwhile). Its DTLS connect and produce go through `request`;
 * connection state changes go to `onState`.
 */
export async function openTransport(
  request: AudioRequest,
  device: () => Device,
  direction: 'send' | 'recv',
  onState: (state: msc.ConnectionState, t: msc.Transport) => void,
): Promise<msc.Transport> {
  const info = await request('audio:createTransport', { direction });
  if (!info.ok) throw new Error(info.error.message);
  const d = device();
  const t = direction === 'send' ? d.createSendTransport(info.data) : d.createRecvTransport(info.data);
  t.on('connect', ({ dtlsParameters }, ok, fail) => {
    void request('audio:connectTransport', { transportId: t.id, dtlsParameters }).then((r) =>
      r.ok ? ok() : fail(new Error(r.error.message)));
  });
  t.on('produce', ({ rtpParameters }, ok, fail) => {
    void request('audio:produce', { transportId: t.id, kind: 'audio', rtpParameters }).then((r) =>
      r.ok ? ok({ id: r.data.producerId }) : fail(Object.assign(new Error(r.error.message), { code: r.error.code })));
  });
  t.on('connectionstatechange', (s) => onState(s, t));
  return t;
}
