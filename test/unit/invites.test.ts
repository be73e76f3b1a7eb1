/**
 * Invitation links as meeting data (shared/domain/meeting/moderation.ts) and their `id` claim
 * (server/tokens.ts): the server records each minted link, moderators list and revoke them.
 */
import { describe, expect, it } from 'vitest';
import {
  SYSTEM,
  activeInvites,
  inviteRevoked,
  redactEvent,
  redactState,
  type Actor,
} from '../../shared/domain/index.js';
import { HOUR_MS, TokenSigner, newInviteId } from '../../server/tokens.js';
import { T0, as, meeting, mod, refused, run, runE } from './queue-fixture.js';

const DAY = 24 * HOUR_MS;
const mint = (inviteId: string, extra: Record<string, unknown> = {}) =>
  ({ type: 'invite:minted', inviteId, role: 'participant', expiresAt: T0 + 7 * DAY, ...extra }) as const;

describe('invite:minted', () => {
  it('records a link (id, role, expiry, label, who) without its token', () => {
    const { state, events } = runE(meeting(), { ...mint('inv1'), label: 'Ministry delegation', by: 'mod' }, SYSTEM);
    const record = { id: 'inv1', role: 'participant', createdAt: T0, expiresAt: T0 + 7 * DAY, label: 'Ministry delegation', by: 'mod', revokedAt: null };
    expect(events).toEqual([{ type: 'invite:minted', at: T0, invite: record }]);
    expect(state.invites).toEqual({ inv1: record });
  });

  it('is the server’s own command: nobody else may record a link', () => {
    refused(meeting(), mint('inv1'), mod, 'forbidden');
    refused(meeting(), mint('inv1'), as('gov1'), 'forbidden');
  });

  it('ignores a repeated id (a retry)', () => {
    const s = run(meeting(), mint('inv1'), SYSTEM);
    expect(runE(s, mint('inv1', { role: 'moderator' }), SYSTEM).events).toEqual([]);
  });
});

describe('invite:revoke', () => {
  it('marks the link revoked; other links stay usable', () => {
    let s = run(meeting(), mint('inv1'), SYSTEM);
    s = run(s, mint('inv2', { role: 'projector' }), SYSTEM, T0 + 1000);
    const { state, events } = runE(s, { type: 'invite:revoke', inviteId: 'inv1' }, mod, T0 + 5000);
    expect(events).toEqual([{ type: 'invite:revoked', at: T0 + 5000, inviteId: 'inv1' }]);
    expect(inviteRevoked(state, 'inv1')).toBe(true);
    expect(inviteRevoked(state, 'inv2')).toBe(false);
    expect(state.invites.inv1!.revokedAt).toBe(T0 + 5000);
  });

  it('is for moderators only', () => {
    const s = run(meeting(), mint('inv1'), SYSTEM);
    const others: Actor[] = [as('gov1'), { role: 'projector', participantId: null }, { role: 'room', participantId: null }];
    for (const a of others) refused(s, { type: 'invite:revoke', inviteId: 'inv1' }, a, 'forbidden');
  });

  it('refuses an unknown link and is a no-op the second time', () => {
    let s = run(meeting(), mint('inv1'), SYSTEM);
    refused(s, { type: 'invite:revoke', inviteId: 'nope' }, mod, 'invite.not_found');
    s = run(s, { type: 'invite:revoke', inviteId: 'inv1' });
    expect(runE(s, { type: 'invite:revoke', inviteId: 'inv1' }).events).toEqual([]);
  });

  it('unknown ids are not revoked (links minted before ids were recorded)', () => {
    expect(inviteRevoked(meeting(), 'never-minted')).toBe(false);
  });
});

describe('activeInvites', () => {
  it('lists links neither revoked nor expired, newest first', () => {
    let s = run(meeting(), mint('old', { expiresAt: T0 + HOUR_MS }), SYSTEM, T0);
    s = run(s, mint('a'), SYSTEM, T0 + 1000);
    s = run(s, mint('b', { role: 'moderator' }), SYSTEM, T0 + 2000);
    s = run(s, mint('gone'), SYSTEM, T0 + 3000);
    s = run(s, { type: 'invite:revoke', inviteId: 'gone' });
    expect(activeInvites(s, T0 + 10_000).map((i) => i.id)).toEqual(['b', 'a', 'old']);
    expect(activeInvites(s, T0 + 2 * HOUR_MS).map((i) => i.id)).toEqual(['b', 'a']);
  });
});

describe('who sees links', () => {
  it('blanks the labels for the public, in the event and in the state', () => {
    const { state, events } = runE(meeting(), mint('inv1', { label: 'For the hall' }), SYSTEM);
    const pub = redactEvent(events[0]!, 'public', state);
    expect(pub?.type === 'invite:minted' && pub.invite.label).toBe('');
    expect(redactState(state, 'public').invites.inv1!.label).toBe('');
    expect(redactState(state, 'moderator').invites.inv1!.label).toBe('For the hall');
  });
});

describe('token id claim', () => {
  const signer = new TokenSigner('x'.repeat(32));
  const base = { kind: 'invite', meetingId: 'm1', participantId: null, role: 'participant', exp: T0 + DAY } as const;

  it('round-trips an id; tokens without one (older links) stay valid', () => {
    const id = newInviteId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    const withId = signer.verify(signer.sign({ ...base, id }), T0);
    expect(withId.ok && withId.value.id).toBe(id);
    const old = signer.verify(signer.sign(base), T0);
    expect(old.ok && old.value.id).toBeUndefined();
  });

  it('makes a different id every time', () => {
    expect(new Set(Array.from({ length: 100 }, newInviteId)).size).toBe(100);
  });
});
