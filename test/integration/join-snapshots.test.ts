/**
 * The scale paths of joining and following a meeting (docs/performance.md), against a real server:
 * - `JoinSnapshots`: under load a joiner gets the meeting's recent public snapshot plus the events
 *   since; folded, that is exactly the public state now — never someone else's vote, and never
 *   without the joiner's own named vote;
 * - a client given events out of order (two server processes' batches may cross) waits for the gap
 *   to fill and applies both, without asking the server again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyVersioned, Command as CommandSchema, decide, SYSTEM, type Actor, type DomainEvent, type MeetingState, type VersionedEvent } from '../../shared/domain/index.js';
import { catchupFor, JoinSnapshots, publicSnapshot } from '../../server/transport/audience.js';
import type { Session } from '../../server/transport/session.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';

let srv: TestServer | undefined;
afterEach(async () => {
  await srv?.stop();
  srv = undefined;
});

const sessionOf = (meetingId: string, participantId: string): Session => ({
  meetingId,
  role: 'participant',
  participantId,
  actor: { role: 'participant', participantId },
  joinedAt: 0,
  holder: `${meetingId}/p/${participantId}`,
});

/** What the joiner's client ends with: the snapshot, then its events. */
function folded(c: Awaited<ReturnType<typeof catchupFor>>): MeetingState {
  if (c.kind !== 'snapshot') throw new Error('expected a snapshot');
  return (c.events ?? []).reduce(applyVersioned, c.state);
}

describe('join snapshots', () => {
  it('a joiner within the window gets the recent snapshot plus the events since, which fold to the public state now', async () => {
    srv = await startTestServer();
    const { service, meetingId, participantIds } = srv;
    const [voter, joiner] = [participantIds[0]!, participantIds[1]!];
    const snapshots = new JoinSnapshots(() => 60_000);
    const run = async (command: Record<string, unknown>, actor: Actor = SYSTEM) => {
      const r = await service.execute(meetingId, CommandSchema.parse(command), actor);
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const first = await catchupFor(service, sessionOf(meetingId, joiner), undefined, snapshots);
    expect(first.kind === 'snapshot' && first.events).toBeFalsy(); // the first one is made fresh

    // Meanwhile: an agenda item, presence, and votes on a secret and on a named poll.
    const chair: Actor = { role: 'moderator', participantId: null };
    await run({ type: 'agenda:add', title: 'Added after the snapshot', plannedMinutes: 5 }, chair);
    await run({ type: 'participant:presence', participantId: voter, present: true });
    const poll = async (secret: boolean) => {
      const made = await run({ type: 'poll:create', question: secret ? 'Secret?' : 'Named?', kind: 'yes_no_abstain', secret }, chair);
      const created = made.events.find((e) => e.event.type === 'poll:created')!.event as Extract<DomainEvent, { type: 'poll:created' }>;
      await run({ type: 'poll:open', pollId: created.poll.id }, chair);
      return created.poll.id;
    };
    const secret = await poll(true);
    const named = await poll(false);
    const voterActor: Actor = { role: 'participant', participantId: voter };
    await run({ type: 'poll:vote', pollId: secret, choices: ['yes'], ballotKey: 'k'.repeat(16) }, voterActor);
    await run({ type: 'poll:vote', pollId: named, choices: ['no'] }, voterActor);

    const second = await catchupFor(service, sessionOf(meetingId, joiner), undefined, snapshots);
    const now = await service.get(meetingId);
    expect(second.kind).toBe('snapshot');
    if (second.kind !== 'snapshot') return;
    expect(second.state.version).toBeLessThan(now.version); // the shared, older snapshot…
    expect(second.events!.length).toBeGreaterThan(0); // …and what came after it
    expect(second.version).toBe(now.version);
    expect(folded(second)).toEqual(publicSnapshot(now, joiner));
    expect(JSON.stringify(second)).not.toMatch(/"ballotKey"|"choices"/); // nobody's choice on the wire

    // The voter's own named vote is theirs to see again: their join is made fresh instead.
    const own = await catchupFor(service, sessionOf(meetingId, voter), undefined, snapshots);
    expect(own.kind === 'snapshot' && own.events).toBeFalsy();
    expect(folded(own).polls.byId[named]!.votes[voter]?.choices).toEqual(['no']);
  });

  it('outside the window (or with the default, no window) every joiner gets the state now', async () => {
    srv = await startTestServer();
    const { service, meetingId, participantIds } = srv;
    for (const snapshots of [new JoinSnapshots(), new JoinSnapshots(() => 0)]) {
      await catchupFor(service, sessionOf(meetingId, participantIds[0]!), undefined, snapshots);
      await service.execute(meetingId, CommandSchema.parse({ type: 'agenda:add', title: 'One more', plannedMinutes: 5 }), { role: 'moderator', participantId: null });
      const c = await catchupFor(service, sessionOf(meetingId, participantIds[0]!), undefined, snapshots);
      expect(c.kind === 'snapshot' && c.events).toBeFalsy();
      expect(c.kind === 'snapshot' && c.state.version).toBe((await service.get(meetingId)).version);
    }
  });
});

/** A participant's client, its socket on the server, and the events it sends the server. */
async function watchedClient() {
  srv = await startTestServer();
  const client = await connectClient(srv.url, srv.tokens.participants[0]!);
  const onServer = srv.app.io.sockets.sockets.get(client.socket.id!)!;
  const asked: string[] = [];
  onServer.onAny((event: string) => asked.push(event));
  return { client, onServer, asked, meetingId: srv.meetingId };
}

describe('a client and a version gap', () => {
  it('events that arrive out of order are applied once the missing one comes, without a resync', async () => {
    const { client, onServer, asked, meetingId } = await watchedClient();

    // Two genuine next events, as two processes' batches would carry them.
    const s = client.state!;
    const add = (title: string, state: MeetingState) => {
      const r = decide(state, CommandSchema.parse({ type: 'agenda:add', title, plannedMinutes: 5 }), SYSTEM, Date.now());
      if (!r.ok) throw new Error(r.error.message);
      return r.value[0]!;
    };
    const e1: VersionedEvent = { v: s.version + 1, event: add('First', s) };
    const e2: VersionedEvent = { v: s.version + 2, event: add('Second', applyVersioned(s, e1)) };
    onServer.emit('meeting:events', { meetingId, events: [e2] });
    await new Promise((r) => setTimeout(r, 200));
    expect(client.version).toBe(s.version); // waiting for the gap to fill
    onServer.emit('meeting:events', { meetingId, events: [e1] });
    await waitFor(() => client.version === s.version + 2, 2_000, 'both applied');
    expect(client.state!.agenda.items.slice(-2).map((i) => i.title)).toEqual(['First', 'Second']);
    await new Promise((r) => setTimeout(r, 1_700)); // past the grace: nothing was asked for
    expect(asked).not.toContain('session:sync');
  });

  it('a gap that does not fill is asked for after the grace', async () => {
    const { client, onServer, asked, meetingId } = await watchedClient();
    const v = client.version;
    // A real event far ahead that never gets its predecessors: the client resyncs with the server.
    onServer.emit('meeting:events', { meetingId, events: [{ v: v + 3, event: { type: 'agenda:currentSet', at: Date.now(), itemId: null } }] });
    await new Promise((r) => setTimeout(r, 500));
    expect(asked).not.toContain('session:sync');
    await waitFor(() => asked.includes('session:sync'), 3_000, 'resync after the grace');
    await waitFor(() => client.version === srv!.service.peek(srv!.meetingId)!.version, 3_000, 'back at the server version');
  });
});
