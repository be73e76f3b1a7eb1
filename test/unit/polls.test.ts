import { describe, expect, it } from 'vitest';
import { SYSTEM, applyAll, dueCommands, emptyMeeting } from '../../shared/domain/index.js';
import { T0, as, createPoll, meeting, moderator, run, tryRun, vote } from './polls-helpers.js';

const yesNo = { question: 'Adopt the hybrid format for the Forum?', kind: 'yes_no_abstain' } as const;
const formats = { question: 'Which format?', kind: 'single', options: ['Virtual', 'Hybrid', 'In person'] };

describe('drafting a poll', () => {
  it('a moderator creates a draft on the current agenda item; yes/no/abstain gets fixed options', () => {
    const w = meeting();
    run(w, { type: 'agenda:add', title: 'Format of the Forum', plannedMinutes: 20 });
    const itemId = w.state.agenda.items[0]!.id;
    run(w, { type: 'agenda:setCurrent', itemId });
    const id = createPoll(w, yesNo);
    const p = w.state.polls.byId[id]!;
    expect(p).toMatchObject({ status: 'draft', itemId, secret: false, minChoices: 1, maxChoices: 1 });
    expect(p.options.map((o) => o.id)).toEqual(['yes', 'no', 'abstain']);
    expect(w.state.polls.order).toEqual([id]);
  });

  it('a participant may not create, open or close polls', () => {
    const w = meeting({ a: 'academia' });
    expect(tryRun(w, { type: 'poll:create', ...yesNo }, as('a'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const id = createPoll(w, yesNo);
    expect(tryRun(w, { type: 'poll:open', pollId: id }, as('a'))).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('choice polls need two distinct options and sane min/max', () => {
    const w = meeting();
    const bad = (d: Record<string, unknown>) => tryRun(w, { type: 'poll:create', question: 'Q?', ...d } as never, moderator);
    expect(bad({ kind: 'single', options: ['Only one'] })).toMatchObject({ ok: false, error: { code: 'poll.invalid' } });
    expect(bad({ kind: 'single', options: ['Same', 'same'] })).toMatchObject({ ok: false, error: { code: 'poll.invalid' } });
    expect(bad({ kind: 'multiple', options: ['A', 'B', 'C'], minChoices: 3, maxChoices: 2 })).toMatchObject({ ok: false });
    expect(bad({ kind: 'multiple', options: ['A', 'B'], maxChoices: 3 })).toMatchObject({ ok: false });
    expect(bad({ kind: 'multiple', options: ['A', 'B', 'C'], minChoices: 0 })).toMatchObject({ ok: false });
    const okMulti = bad({ kind: 'multiple', options: ['A', 'B', 'C'] });
    expect(okMulti.ok && okMulti.state.polls.byId[okMulti.state.polls.order[0]!]).toMatchObject({ minChoices: 1, maxChoices: 3 });
  });

  it('a draft can be edited, an open poll cannot', () => {
    const w = meeting();
    const id = createPoll(w, { ...formats, secret: true, durationSec: 60 });
    run(w, { type: 'poll:update', pollId: id, changes: { question: 'Which format, finally?', options: ['Virtual', 'Hybrid'] } });
    const p = w.state.polls.byId[id]!;
    expect(p).toMatchObject({ question: 'Which format, finally?', secret: true, durationSec: 60 });
    expect(p.options.map((o) => o.label)).toEqual(['Virtual', 'Hybrid']);
    run(w, { type: 'poll:open', pollId: id });
    expect(tryRun(w, { type: 'poll:update', pollId: id, changes: { question: 'X?' } }, moderator)).toMatchObject({
      ok: false,
      error: { code: 'poll.wrong_status' },
    });
  });
});

describe('lifecycle', () => {
  it('open → close → reopen → close → publish; then nothing reopens it', () => {
    const w = meeting({ a: 'academia' });
    const id = createPoll(w, yesNo);
    expect(tryRun(w, { type: 'poll:close', pollId: id }, moderator)).toMatchObject({ ok: false, error: { code: 'poll.wrong_status' } });
    run(w, { type: 'poll:open', pollId: id }, moderator, T0);
    run(w, vote(id, 'a', ['yes']), as('a'));
    run(w, { type: 'poll:close', pollId: id }, moderator, T0 + 1000);
    expect(w.state.polls.byId[id]).toMatchObject({ status: 'closed', closedAt: T0 + 1000, closedBy: 'moderator' });
    expect(tryRun(w, vote(id, 'a', ['no']), as('a'))).toMatchObject({ ok: false, error: { code: 'poll.wrong_status' } });
    run(w, { type: 'poll:reopen', pollId: id });
    run(w, vote(id, 'a', ['no']), as('a'));
    expect(w.state.polls.byId[id]!.votes['a']!.choices).toEqual(['no']);
    run(w, { type: 'poll:close', pollId: id });
    run(w, { type: 'poll:publish', pollId: id });
    expect(w.state.polls.byId[id]!.status).toBe('published');
    for (const type of ['poll:reopen', 'poll:cancel', 'poll:close'] as const) {
      expect(tryRun(w, { type, pollId: id }, moderator)).toMatchObject({ ok: false, error: { code: 'poll.published' } });
    }
  });

  it('publishing needs a closed poll; cancelling works from draft, open or closed', () => {
    const w = meeting();
    const id = createPoll(w, yesNo);
    run(w, { type: 'poll:open', pollId: id });
    expect(tryRun(w, { type: 'poll:publish', pollId: id }, moderator)).toMatchObject({ ok: false, error: { code: 'poll.wrong_status' } });
    run(w, { type: 'poll:showOnProjector', pollId: id });
    run(w, { type: 'poll:cancel', pollId: id });
    expect(w.state.polls.byId[id]!.status).toBe('cancelled');
    expect(w.state.polls.projectorPollId).toBeNull();
    expect(tryRun(w, { type: 'poll:cancel', pollId: id }, moderator)).toMatchObject({ ok: false, error: { code: 'poll.wrong_status' } });
  });

  it('unknown poll ids are refused with poll.not_found', () => {
    const w = meeting();
    expect(tryRun(w, { type: 'poll:open', pollId: 'nope' }, moderator)).toMatchObject({ ok: false, error: { code: 'poll.not_found' } });
  });

  it('one poll on the projector at a time; showing it again changes nothing; drafts are not shown', () => {
    const w = meeting();
    const a = createPoll(w, yesNo);
    const b = createPoll(w, formats);
    expect(tryRun(w, { type: 'poll:showOnProjector', pollId: a }, moderator)).toMatchObject({ ok: false });
    run(w, { type: 'poll:open', pollId: a });
    run(w, { type: 'poll:open', pollId: b });
    run(w, { type: 'poll:showOnProjector', pollId: a });
    run(w, { type: 'poll:showOnProjector', pollId: b });
    expect(w.state.polls.projectorPollId).toBe(b);
    expect(run(w, { type: 'poll:showOnProjector', pollId: b })).toEqual([]);
    run(w, { type: 'poll:hideFromProjector' });
    expect(w.state.polls.projectorPollId).toBeNull();
  });
});

describe('time limit', () => {
  it('a poll whose closesAt has passed is refused votes and closed by the system via due()', () => {
    const w = meeting({ a: 'academia' });
    const id = createPoll(w, { ...yesNo, durationSec: 60 });
    run(w, { type: 'poll:open', pollId: id }, moderator, T0);
    expect(w.state.polls.byId[id]!.closesAt).toBe(T0 + 60_000);
    expect(dueCommands(w.state, T0 + 59_999)).toEqual([]);
    // The system may not close early even if asked.
    expect(tryRun(w, { type: 'poll:close', pollId: id }, SYSTEM, T0 + 30_000)).toMatchObject({ ok: false });
    run(w, vote(id, 'a', ['yes']), as('a'), T0 + 59_999);
    expect(tryRun(w, vote(id, 'a', ['no']), as('a'), T0 + 60_000)).toMatchObject({ ok: false, error: { code: 'poll.wrong_status' } });
    const due = dueCommands(w.state, T0 + 61_000);
    expect(due).toEqual([{ type: 'poll:close', pollId: id }]);
    run(w, due[0]!, SYSTEM, T0 + 61_000);
    expect(w.state.polls.byId[id]).toMatchObject({ status: 'closed', closedBy: 'time', closesAt: null });
    expect(dueCommands(w.state, T0 + 62_000)).toEqual([]);
  });

  it('the deadline survives a restart: replaying the log gives the same closesAt and the same due command', () => {
    const w = meeting();
    const id = createPoll(w, { ...yesNo, durationSec: 120 });
    run(w, { type: 'poll:open', pollId: id }, moderator, T0);
    const replayed = applyAll(emptyMeeting(), w.events);
    expect(replayed).toEqual(w.state);
    expect(dueCommands(replayed, T0 + 120_000)).toEqual([{ type: 'poll:close', pollId: id }]);
  });

  it('reopening restarts the time limit, or takes a new one', () => {
    const w = meeting();
    const id = createPoll(w, { ...yesNo, durationSec: 60 });
    run(w, { type: 'poll:open', pollId: id }, moderator, T0);
    run(w, { type: 'poll:close', pollId: id }, moderator, T0 + 10_000);
    run(w, { type: 'poll:reopen', pollId: id }, moderator, T0 + 20_000);
    expect(w.state.polls.byId[id]!.closesAt).toBe(T0 + 80_000);
    run(w, { type: 'poll:close', pollId: id }, moderator, T0 + 30_000);
    run(w, { type: 'poll:reopen', pollId: id, durationSec: null }, moderator, T0 + 40_000);
    expect(w.state.polls.byId[id]!.closesAt).toBeNull();
  });
});
