/**
 * GET /metrics: a real server, real socket.io clients sending accepted and refused commands, then
 * a Prometheus scrape whose counters must match exactly what was sent.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connectClient, startTestServer, type TestServer } from '../helpers/server.js';

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : undefined;
}

let srv: TestServer | null = null;
afterEach(async () => {
  await srv?.stop();
  srv = null;
});

describe('GET /metrics', () => {
  it('counts commands by type and outcome, acks, appends and connections', async () => {
    srv = await startTestServer();
    const before = await (await fetch(`${srv.url}/metrics`)).text();
    const appendsBefore = sample(before, 'plenary_event_append_seconds_count') ?? 0;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const p = await connectClient(srv.url, srv.tokens.participants[0]!);
    for (const title of ['One', 'Two', 'Three']) expect((await mod.send({ type: 'agenda:add', title, plannedMinutes: 5 })).ok).toBe(true);
    // A participant may not add agenda items: refused, counted under its code, nothing appended.
    const refused = await p.send({ type: 'agenda:add', title: 'Nope', plannedMinutes: 5 });
    expect(refused.ok).toBe(false);
    const code = refused.ok ? '' : refused.error.code;

    const res = await fetch(`${srv.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'plenary_commands_total', 'type="agenda:add",outcome="ok"')).toBe(3);
    expect(sample(text, 'plenary_commands_total', `type="agenda:add",outcome="${code}"`)).toBe(1);
    expect(sample(text, 'plenary_connections')).toBe(2);
    expect(sample(text, 'plenary_meetings_loaded')).toBe(srv.app.service.loadedMeetings().length);
    // 4 commands acked; 2 joins acked.
    expect(sample(text, 'plenary_ack_latency_seconds_count', 'event="command"')).toBe(4);
    expect(sample(text, 'plenary_ack_latency_seconds_count', 'event="session:join"')).toBe(2);
    // 3 agenda items + presence of the participant (the moderator was already present or not: ≥ 4).
    const appends = sample(text, 'plenary_event_append_seconds_count')! - appendsBefore;
    expect(appends).toBeGreaterThanOrEqual(4);
    expect(appends).toBeLessThanOrEqual(5);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('asks for the bearer token when METRICS_TOKEN is set', async () => {
    const token = 'metrics-token-0123456789';
    srv = await startTestServer({ seed: false, env: { METRICS_TOKEN: token } });
    const anonymous = await fetch(`${srv.url}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    expect((await fetch(`${srv.url}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789' } })).status).toBe(401);
    const ok = await fetch(`${srv.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('plenary_connections 0');
  });
});
