/**
 * Limits at the edge and the extension hooks later issues use: rate limit, join deadline,
 * socket extensions through `handle`, HTTP routes with `authorize`, /healthz and the SPA fallback.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ServerExtension } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { asyncRoute, authorize } from '../../server/http/auth.js';
import { handle, requireSession } from '../../server/transport/handler.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.stop();
  srv = undefined;
});

const echo: ServerExtension = {
  name: 'echo',
  socket(socket, ctx) {
    handle(socket, 'echo:say', z.object({ words: z.string().max(20) }), async (p, s) => {
      const session = requireSession(s);
      if (p.words === 'boom') throw new Error('secret internal detail');
      if (p.words === 'no') throw new AppError('forbidden', 'Not you');
      return { heard: p.words, role: session.role };
    }, ctx.logger);
  },
  http(app, ctx) {
    app.get('/api/meetings/:id/echo.txt', asyncRoute(async (req, res) => {
      const id = String(req.params.id);
      authorize(ctx, req, id);
      res.type('text/plain').send(`echo ${id}`);
    }));
  },
};

describe('limits', () => {
  it('a connection sending faster than the rate limit gets rate_limited, and recovers', async () => {
    srv = await startTestServer({ env: { RATE_LIMIT_PER_SEC: '5', RATE_LIMIT_BURST: '10' } });
    const mod = await connectClient(srv.url, srv.tokens.moderator); // the join took one token
    const results = await Promise.all(Array.from({ length: 20 }, () => mod.socket.emitWithAck('session:sync', { since: mod.version })));
    const limited = results.filter((r) => !r.ok && r.error.code === 'rate_limited').length;
    expect(limited).toBeGreaterThanOrEqual(9);
    expect(results.filter((r) => r.ok).length).toBeGreaterThanOrEqual(9);
    await new Promise((r) => setTimeout(r, 450));
    expect((await mod.socket.emitWithAck('session:sync', { since: mod.version })).ok).toBe(true);
  });

  it('a socket that does not join in time is told so and closed', async () => {
    srv = await startTestServer({ env: { JOIN_TIMEOUT_MS: '200' } });
    const s: Socket = io(srv.url, { transports: ['websocket'], reconnection: false });
    const error = new Promise((resolve) => s.on('session:error', resolve));
    const closed = new Promise((resolve) => s.on('disconnect', resolve));
    expect(await error).toMatchObject({ code: 'unauthorized' });
    expect(await closed).toBe('io server disconnect');
  });
});

describe('extensions', () => {
  it('socket extensions get the same edge: validation, auth before join, typed errors, no internals leaked', async () => {
    srv = await startTestServer({ app: { extensions: [echo] } });
    const s: Socket = io(srv.url, { transports: ['websocket'], reconnection: false });
    try {
      expect(await s.emitWithAck('echo:say', { words: 'hi' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect((await s.emitWithAck('session:join', { token: srv.tokens.projector })).ok).toBe(true);
      expect(await s.emitWithAck('echo:say', { words: 'hi' })).toEqual({ ok: true, data: { heard: 'hi', role: 'projector' } });
      expect(await s.emitWithAck('echo:say', { words: 7 })).toMatchObject({ ok: false, error: { code: 'bad_request' } });
      expect(await s.emitWithAck('echo:say', { words: 'no' })).toEqual({ ok: false, error: { code: 'forbidden', message: 'Not you' } });
      const boom = await s.emitWithAck('echo:say', { words: 'boom' });
      expect(boom).toEqual({ ok: false, error: { code: 'internal', message: 'Internal server error' } });
    } finally {
      s.disconnect();
    }
  });

  it('HTTP routes from extensions are protected by a moderator token (Bearer or ?token=)', async () => {
    srv = await startTestServer({ app: { extensions: [echo] } });
    const url = `${srv.url}/api/meetings/${srv.meetingId}/echo.txt`;
    expect((await fetch(url)).status).toBe(401);
    const withBearer = await fetch(url, { headers: { Authorization: `Bearer ${srv.tokens.moderator}` } });
    expect(withBearer.status).toBe(200);
    expect(await withBearer.text()).toBe(`echo ${srv.meetingId}`);
    expect((await fetch(`${url}?token=${encodeURIComponent(srv.tokens.moderator)}`)).status).toBe(200);
    const asParticipant = await fetch(`${url}?token=${encodeURIComponent(srv.tokens.participants[0]!)}`);
    expect(asParticipant.status).toBe(403);
    expect(await asParticipant.json()).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect((await fetch(`${srv.url}/api/meetings/other/echo.txt?token=${encodeURIComponent(srv.tokens.moderator)}`)).status).toBe(403);
    expect((await fetch(`${url}?token=garbage`)).status).toBe(401);
  });

  it('service.onApplied sees every applied batch with the new state', async () => {
    srv = await startTestServer();
    const seen: Array<[string, number, string[]]> = [];
    srv.service.onApplied((id, state, events) => seen.push([id, state.version, events.map((e) => e.event.type)]));
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    await mod.send({ type: 'agenda:add', title: 'Observed', plannedMinutes: 1 });
    await waitFor(() => seen.some(([, , types]) => types.includes('agenda:itemAdded')));
    const last = seen[seen.length - 1]!;
    expect(last).toEqual([srv.meetingId, mod.version, ['agenda:itemAdded']]);
  });
});

describe('timers', () => {
  it('due system commands run through the command path on the tick (a poll time limit, with an injected clock)', async () => {
    let skew = 0;
    srv = await startTestServer({ env: { TICK_MS: '20' }, app: { clock: { now: () => Date.now() + skew } } });
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const created = await mod.send({ type: 'poll:create', question: 'Keep the hybrid format?', kind: 'yes_no_abstain', durationSec: 60 });
    if (!created.ok) throw new Error(created.error.message);
    const pollId = mod.state!.polls.order[mod.state!.polls.order.length - 1]!;
    expect((await mod.send({ type: 'poll:open', pollId })).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(mod.state!.polls.byId[pollId]!.status).toBe('open');
    skew = 61_000; // a minute passes
    await waitFor(() => mod.state!.polls.byId[pollId]!.status === 'closed');
  });
});

describe('http', () => {
  it('/healthz answers ok; client routes fall back to index.html; unknown API routes are JSON 404s', async () => {
    srv = await startTestServer();
    const health = await fetch(`${srv.url}/healthz`);
    expect(await health.json()).toMatchObject({ ok: true, store: 'sqlite' });
    // No client built in tests: a clear 503 instead of index.html.
    expect((await fetch(`${srv.url}/join?t=x`, { headers: { Accept: 'text/html' } })).status).toBe(503);
    const dir = join(srv.dataDir, 'no-client'); // the helper's CLIENT_DIR
    mkdirSync(join(dir, 'assets'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Plenary</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    for (const path of ['/', '/join?t=abc', `/m/${srv.meetingId}/moderator?t=x`]) {
      const r = await fetch(`${srv.url}${path}`, { headers: { Accept: 'text/html' } });
      expect(r.status).toBe(200);
      expect(await r.text()).toContain('<title>Plenary</title>');
    }
    expect(await (await fetch(`${srv.url}/assets/app.js`)).text()).toBe('console.log(1)');
    expect((await fetch(`${srv.url}/assets/missing.js`, { headers: { Accept: 'application/javascript' } })).status).toBe(404);
    const api = await fetch(`${srv.url}/api/nope`, { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('an unknown page gets the app (its translated page with a way home) with status 404; a missing file is no page', async () => {
    srv = await startTestServer();
    const dir = join(srv.dataDir, 'no-client');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Plenary</title>');
    // A browser opening a mistyped address: the app renders its not-found page; the status says 404.
    for (const path of ['/no/such/page', `/m/${srv.meetingId}/chairman`, '/joins']) {
      const r = await fetch(`${srv.url}${path}`, { headers: { Accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(r.status, path).toBe(404);
      expect(r.headers.get('content-type'), path).toContain('text/html');
      expect(await r.text(), path).toContain('<title>Plenary</title>');
    }
    // Known client routes are 200, with or without a query string.
    for (const path of ['/', '/join', '/join?t=abc', `/m/${srv.meetingId}/projector?t=x`, `/m/${srv.meetingId}/room`]) {
      expect((await fetch(`${srv.url}${path}`, { headers: { Accept: 'text/html' } })).status, path).toBe(200);
    }
    // A missing script or image is not answered with the app's HTML (a script tag would choke on it).
    const missing = await fetch(`${srv.url}/assets/missing.js`, { headers: { Accept: '*/*' } });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
