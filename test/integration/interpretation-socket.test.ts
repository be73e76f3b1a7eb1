/**
 * Interpretation through the real server (socket.io clients, the socket edge, SQLite, real
 * mediasoup): interpreter links per booth (and their refusals and revocation), an interpreter going
 * on air and handing over by command, the speaker's declared language, and a listener choosing a
 * channel over `audio:setChannel` — the moderator told which booth is on air and who listens where.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

type Req = keyof ClientToServerEvents & `audio:${string}`;
type Res<E extends Req> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
function ask<E extends Req>(c: PlenaryClient, event: E, payload: Parameters<ClientToServerEvents[E]>[0] = {} as never): Promise<Res<E>> {
  const s = c.socket.timeout(5000) as unknown as { emitWithAck: (e: string, p: unknown) => Promise<Res<E>> };
  return s.emitWithAck(event, payload);
}
const data = <T>(r: Ack<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
};
const profile = (name: string) => ({ name, group: 'intergovernmental' as const, affiliation: 'UNOG interpretation service', language: 'fr' as const, inRoom: false });

let srv: TestServer;
let mod: PlenaryClient;

beforeAll(async () => {
  srv = await startTestServer({ env: { MEDIASOUP_WORKERS: '1', RATE_LIMIT_BURST: '200', RATE_LIMIT_PER_SEC: '200' } });
  mod = await connectClient(srv.url, srv.tokens.moderator);
});

afterAll(async () => {
  await srv?.stop();
});

async function ok(c: PlenaryClient, command: Parameters<PlenaryClient['send']>[0]): Promise<void> {
  const r = await c.send(command);
  if (!r.ok) throw new Error(`${command.type}: ${r.error.code}`);
}

describe('interpretation over the socket edge', () => {
  it('mints interpreter links per booth, registers interpreters, and lets them go on air and hand over', async () => {
    const noBooth = await mod.createInvite({ role: 'interpreter' });
    expect(noBooth).toMatchObject({ ok: false, error: { code: 'booth.language_required' } });
    const link = await mod.createInvite({ role: 'interpreter', booth: 'fr', label: 'French booth' });
    if (!link.ok) throw new Error(link.error.code);
    expect(link.data.path.startsWith('/join?t=')).toBe(true);
    await waitFor(() => mod.state!.interpretation.booths.fr, 5000, 'the French booth opened');
    expect(mod.state!.invites[link.data.inviteId]).toMatchObject({ role: 'interpreter', booth: 'fr' });

    // The join page's check names the booth.
    const check = (await (await fetch(`${srv.url}/api/invites/check?t=${encodeURIComponent(link.data.token)}`)).json()) as { data?: { role: string; booth?: string } };
    expect(check.data).toMatchObject({ role: 'interpreter', booth: 'fr' });

    const ana = await connectClient(srv.url, link.data.token, profile('Anaïs'));
    const bea = await connectClient(srv.url, link.data.token, profile('Béatrice'));
    expect(ana.me?.role).toBe('interpreter');
    const anaId = ana.me!.participantId!;
    const beaId = bea.me!.participantId!;
    expect(mod.state!.participants[anaId]).toMatchObject({ role: 'interpreter', booth: 'fr', name: 'Anaïs' });

    await ok(ana, { type: 'booth:takeAir' });
    await ok(bea, { type: 'booth:takeAir' }); // asks to take over
    await waitFor(() => mod.state!.interpretation.booths.fr?.pending?.to === beaId, 5000, 'the takeover request');
    expect(mod.state!.interpretation.booths.fr?.onAir).toBe(anaId);
    await ok(ana, { type: 'booth:handover', to: beaId });
    await waitFor(() => mod.state!.interpretation.booths.fr?.onAir === beaId, 5000, 'the handover');

    // A participant cannot act on booths; a revoked interpreter link registers nobody.
    const delegate = await connectClient(srv.url, srv.tokens.participants[0]!);
    expect(await delegate.send({ type: 'booth:takeAir' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await ok(mod, { type: 'invite:revoke', inviteId: link.data.inviteId });
    await expect(connectClient(srv.url, link.data.token, profile('Leaked'))).rejects.toMatchObject({ code: 'token_revoked' });
  });

  it('lets a listener choose the booth over audio:setChannel; the moderator sees booths and counts', async () => {
    const channelsSeen: unknown[] = [];
    const counts: Array<Parameters<ServerToClientEvents['audio:channelCounts']>[0]> = [];
    mod.socket.on('audio:channels', (c) => channelsSeen.push(c));
    mod.socket.on('audio:channelCounts', (c) => counts.push(c));
    data(await ask(mod, 'audio:join'));

    const delegate = await connectClient(srv.url, srv.tokens.participants[1]!);
    // The speaker declares the language they will speak in.
    await ok(delegate, { type: 'queue:request', language: 'es' });
    await waitFor(() => Object.values(mod.state!.queue.lists).flatMap((l) => l.entries).find((e) => e.participantId === delegate.me!.participantId && e.language === 'es'), 5000, 'the declared language');

    const joined = data(await ask(delegate, 'audio:join'));
    expect(joined.channel).toEqual({ chosen: 'floor', effective: 'floor', withFloor: false, fallback: null });
    const fr = joined.channels.find((c) => c.channel === 'fr');
    expect(fr).toMatchObject({ onAir: true, interpreter: { name: 'Béatrice' }, source: 'floor' });

    expect(await ask(delegate, 'audio:setChannel', { channel: 'zh', withFloor: false })).toMatchObject({ ok: false, error: { code: 'audio.no_channel' } });
    expect(await ask(delegate, 'audio:setChannel', { channel: 'xx' } as never)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const chose = data(await ask(delegate, 'audio:setChannel', { channel: 'fr', withFloor: true }));
    expect(chose).toEqual({ chosen: 'fr', effective: 'fr', withFloor: true, fallback: null });
    await waitFor(() => counts.find((c) => c.chosen.fr === 1), 5000, 'the moderator counts');
    expect(counts.at(-1)?.total).toBe(2);
  });
});
