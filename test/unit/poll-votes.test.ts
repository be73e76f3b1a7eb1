import { describe, expect, it } from 'vitest';
import { SYSTEM, applyAll, emptyMeeting, pollResults, visibleResults } from '../../shared/domain/index.js';
import { as, createPoll, keyOf, meeting, moderator, run, tryRun, vote } from './polls-helpers.js';

const yesNo = { question: 'Adopt the hybrid format?', kind: 'yes_no_abstain' };
const multi = { question: 'Which themes?', kind: 'multiple', options: ['Access', 'Trust', 'Skills', 'Climate'], minChoices: 1, maxChoices: 2 };

function openPoll(people: Record<string, 'academia' | 'government' | 'civil-society'>, draft: Record<string, unknown>) {
  const w = meeting(people);
  const id = createPoll(w, draft);
  run(w, { type: 'poll:open', pollId: id });
  return { w, id };
}

describe('eligibility', () => {
  it('an absent participant, a non-eligible group, a projector and an unknown person cannot vote', () => {
    const { w, id } = openPoll({ a: 'academia', g: 'government', away: 'academia' }, { ...yesNo, eligibility: { groups: ['academia'] } });
    run(w, { type: 'participant:presence', participantId: 'away', present: false }, SYSTEM);
    expect(tryRun(w, vote(id, 'away', ['yes']), as('away'))).toMatchObject({ ok: false, error: { code: 'poll.not_eligible', params: { reason: 'absent' } } });
    expect(tryRun(w, vote(id, 'g', ['yes']), as('g'))).toMatchObject({ ok: false, error: { code: 'poll.not_eligible', params: { reason: 'group_not_eligible' } } });
    expect(tryRun(w, vote(id, 'ghost', ['yes']), as('ghost'))).toMatchObject({ ok: false, error: { code: 'poll.not_eligible', params: { reason: 'not_registered' } } });
    expect(tryRun(w, vote(id, 'a', ['yes']), { role: 'projector', participantId: null })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(tryRun(w, vote(id, 'a', ['yes']), SYSTEM)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    run(w, vote(id, 'a', ['yes']), as('a'));
    expect(pollResults(w.state, id)!.turnout).toEqual({ voted: 1, eligible: 1, present: 3 });
  });

  it('a moderator who is a registered, present participant may vote', () => {
    const { w, id } = openPoll({}, yesNo);
    run(w, vote(id, 'mod', ['abstain']), moderator);
    expect(w.state.polls.byId[id]!.votes['mod']!.choices).toEqual(['abstain']);
  });

  it('a draft poll takes no votes', () => {
    const w = meeting({ a: 'academia' });
    const id = createPoll(w, yesNo);
    expect(tryRun(w, vote(id, 'a', ['yes']), as('a'))).toMatchObject({ ok: false, error: { code: 'poll.wrong_status' } });
  });
});

describe('choices', () => {
  it('enforces min/max, known options and no duplicates', () => {
    const { w, id } = openPoll({ a: 'academia' }, multi);
    const tryVote = (choices: string[]) => tryRun(w, vote(id, 'a', choices), as('a'));
    expect(tryVote([])).toMatchObject({ ok: false, error: { code: 'poll.invalid_choice', params: { min: 1, max: 2 } } });
    expect(tryVote(['o1', 'o2', 'o3'])).toMatchObject({ ok: false, error: { code: 'poll.invalid_choice' } });
    expect(tryVote(['o9'])).toMatchObject({ ok: false, error: { code: 'poll.invalid_choice' } });
    expect(tryVote(['o1', 'o1'])).toMatchObject({ ok: false, error: { code: 'poll.invalid_choice' } });
    expect(tryVote(['o2', 'o1'])).toMatchObject({ ok: true });
  });

  it('single choice takes exactly one option', () => {
    const { w, id } = openPoll({ a: 'academia' }, { question: 'Where?', kind: 'single', options: ['Geneva', 'Online'] });
    expect(tryRun(w, vote(id, 'a', ['o1', 'o2']), as('a'))).toMatchObject({ ok: false, error: { code: 'poll.invalid_choice' } });
  });
});

describe('one counted vote per participant', () => {
  it('the same vote again appends nothing; a changed vote replaces the earlier one (last vote counts)', () => {
    const { w, id } = openPoll({ a: 'academia', b: 'government' }, multi);
    run(w, vote(id, 'a', ['o1', 'o2']), as('a'));
    expect(run(w, vote(id, 'a', ['o2', 'o1']), as('a'))).toEqual([]);
    run(w, vote(id, 'b', ['o1']), as('b'));
    run(w, vote(id, 'a', ['o3']), as('a'));
    const r = pollResults(w.state, id)!;
    expect(r.turnout.voted).toBe(2);
    expect(r.options.map((o) => [o.id, o.count, o.percent])).toEqual([
      ['o1', 1, 50],
      ['o2', 0, 0],
      ['o3', 1, 50],
      ['o4', 0, 0],
    ]);
  });

  it('secret polls: the same ballot key replaces, the same choice appends nothing', () => {
    const { w, id } = openPoll({ a: 'academia', b: 'academia' }, { ...yesNo, secret: true });
    run(w, vote(id, 'a', ['yes']), as('a'));
    expect(run(w, vote(id, 'a', ['yes']), as('a'))).toEqual([]);
    run(w, vote(id, 'a', ['no']), as('a'));
    run(w, vote(id, 'b', ['no']), as('b'));
    const r = pollResults(w.state, id)!;
    expect(r.turnout.voted).toBe(2);
    expect(r.options.find((o) => o.id === 'no')!.count).toBe(2);
  });

  it('a secret vote without a server-made ballot key is refused', () => {
    const { w, id } = openPoll({ a: 'academia' }, { ...yesNo, secret: true });
    expect(tryRun(w, { type: 'poll:vote', pollId: id, choices: ['yes'] }, as('a'))).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

describe('secret separation', () => {
  it('no event and no state field holds a participant id together with a choice', () => {
    const people = { a1: 'academia', a2: 'academia', g1: 'government' } as const;
    const { w, id } = openPoll(people, { ...yesNo, secret: true });
    run(w, vote(id, 'a1', ['yes']), as('a1'));
    run(w, vote(id, 'a2', ['no']), as('a2'));
    run(w, vote(id, 'g1', ['abstain']), as('g1'));
    run(w, vote(id, 'g1', ['yes']), as('g1'));
    run(w, { type: 'poll:close', pollId: id });
    run(w, { type: 'poll:publish', pollId: id });
    const pollEvents = w.events.filter((e) => e.type.startsWith('poll:'));
    const names = Object.keys(people);
    for (const e of pollEvents) {
      const json = JSON.stringify(e);
      const hasChoice = /"choices"/.test(json);
      const hasVoter = names.some((n) => json.includes(`"${n}"`));
      expect(hasChoice && hasVoter, json).toBe(false);
    }
    const pollJson = JSON.stringify(w.state.polls);
    for (const n of names) expect(pollJson).not.toContain(`"${n}"`);
    expect(w.state.polls.byId[id]!.votes).toEqual({});
    expect(Object.keys(w.state.polls.byId[id]!.ballots)).toEqual([keyOf(id, 'a1'), keyOf(id, 'a2'), keyOf(id, 'g1')]);
  });

  it('a ballot records its group only when at least five present people share it', () => {
    const people = { a1: 'academia', a2: 'academia', a3: 'academia', a4: 'academia', a5: 'academia', g1: 'government' } as const;
    const { w, id } = openPoll(people, { ...yesNo, secret: true });
    run(w, vote(id, 'a1', ['yes']), as('a1'));
    run(w, vote(id, 'g1', ['no']), as('g1'));
    const ballots = w.state.polls.byId[id]!.ballots;
    expect(ballots[keyOf(id, 'a1')]!.group).toBe('academia');
    expect(ballots[keyOf(id, 'g1')]!.group).toBeNull();
  });
});

describe('results', () => {
  it('named polls break down by group; turnout is frozen at close', () => {
    const { w, id } = openPoll({ a: 'academia', g: 'government', c: 'civil-society' }, yesNo);
    run(w, vote(id, 'a', ['yes']), as('a'));
    run(w, vote(id, 'g', ['no']), as('g'));
    run(w, { type: 'poll:close', pollId: id });
    run(w, { type: 'participant:presence', participantId: 'c', present: false }, SYSTEM);
    const r = pollResults(w.state, id)!;
    expect(r.turnout).toEqual({ voted: 2, eligible: 4, present: 4 });
    expect(r.breakdown).toEqual({
      suppressed: false,
      groups: [
        { group: 'government', voters: 1, counts: { yes: 0, no: 1, abstain: 0 } },
        { group: 'academia', voters: 1, counts: { yes: 1, no: 0, abstain: 0 } },
      ],
    });
  });

  it('secret polls suppress the breakdown while any group has fewer than five ballots', () => {
    const people: Record<string, 'academia' | 'government'> = {};
    for (let i = 0; i < 5; i++) people[`a${i}`] = 'academia';
    for (let i = 0; i < 5; i++) people[`g${i}`] = 'government';
    const { w, id } = openPoll(people, { ...yesNo, secret: true });
    for (let i = 0; i < 5; i++) run(w, vote(id, `a${i}`, ['yes']), as(`a${i}`));
    for (let i = 0; i < 4; i++) run(w, vote(id, `g${i}`, ['no']), as(`g${i}`));
    expect(pollResults(w.state, id)!.breakdown).toEqual({ suppressed: true, reason: 'small_groups' });
    run(w, vote(id, 'g4', ['yes']), as('g4'));
    const r = pollResults(w.state, id)!;
    expect(r.breakdown).toMatchObject({ suppressed: false, groups: [{ group: 'government', voters: 5 }, { group: 'academia', voters: 5 }] });
    expect(r.options.map((o) => o.percent)).toEqual([60, 40, 0]);
  });

  it('live results are visible to all while open; on_close results only to moderators until closed', () => {
    const { w, id } = openPoll({ a: 'academia' }, { ...yesNo, resultsVisibility: 'on_close' });
    run(w, vote(id, 'a', ['yes']), as('a'));
    expect(visibleResults(w.state, id, 'participant')).toBeNull();
    expect(visibleResults(w.state, id, 'projector')).toBeNull();
    expect(visibleResults(w.state, id, 'moderator')!.turnout.voted).toBe(1);
    run(w, { type: 'poll:close', pollId: id });
    expect(visibleResults(w.state, id, 'projector')!.options[0]!.count).toBe(1);
    const live = createPoll(w, yesNo);
    run(w, { type: 'poll:open', pollId: live });
    expect(visibleResults(w.state, live, 'participant')).not.toBeNull();
    run(w, { type: 'poll:cancel', pollId: live });
    expect(visibleResults(w.state, live, 'participant')).toBeNull();
  });

  it('replaying the log reproduces the state exactly', () => {
    const { w, id } = openPoll({ a: 'academia', b: 'government' }, { ...multi, secret: true });
    run(w, vote(id, 'a', ['o1']), as('a'));
    run(w, vote(id, 'b', ['o1', 'o4']), as('b'));
    run(w, { type: 'poll:close', pollId: id });
    expect(applyAll(emptyMeeting(), w.events)).toEqual(w.state);
  });
});
