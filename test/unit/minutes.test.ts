/**
 * The minutes export (server/http/minutes.ts): a meeting with two items, turns of each kind, a named
 * and a secret poll, an Arabic name and a title full of Markdown characters, built through `execute`.
 */
import { describe, expect, it } from 'vitest';
import { SYSTEM, type MeetingState } from '../../shared/domain/index.js';
import { mdEscape } from '../../server/http/markdown.js';
import { meetingMinutes } from '../../server/http/minutes.js';
import { keyOf } from './polls-helpers.js';
import { MIN, SEC, T0, as, item1, item2, meeting, run } from './queue-fixture.js';

const ARABIC = 'ليلى الحسيني';
const ARABIC_ORG = 'جمعية الإنترنت';
const TITLE = 'Review of *WSIS* [2021] | #1 <draft>';

function pollId(s: MeetingState): string {
  return s.polls.order[s.polls.order.length - 1]!;
}

/** The whole meeting; minutes are drafted at T0 + 40 min. */
function world(): MeetingState {
  let s = meeting();
  s = run(s, { type: 'participant:register', participantId: 'ar1', role: 'participant', inRoom: true, profile: { name: ARABIC, group: 'civil-society', affiliation: ARABIC_ORG, language: 'ar' } }, SYSTEM);
  s = run(s, { type: 'participant:presence', participantId: 'ar1', present: true }, SYSTEM);
  s = run(s, { type: 'agenda:edit', itemId: item1(s), changes: { title: TITLE } });
  // Item 1: a normal turn, a point of order, a reply to the first speaker, another normal turn.
  s = run(s, { type: 'queue:request', note: 'On_access & inclusion' }, as('gov1'), T0 + SEC);
  s = run(s, { type: 'queue:request' }, as('ar1'), T0 + 2 * SEC);
  s = run(s, { type: 'queue:next' }, undefined, T0 + 10 * SEC);
  s = run(s, { type: 'queue:request', kind: 'reply' }, as('cs1'), T0 + 20 * SEC);
  s = run(s, { type: 'queue:request', kind: 'point_of_order' }, as('ps1'), T0 + 21 * SEC);
  s = run(s, { type: 'queue:next' }, undefined, T0 + 130 * SEC); // gov1: 120 s
  s = run(s, { type: 'queue:next' }, undefined, T0 + 160 * SEC); // ps1 point of order: 30 s
  s = run(s, { type: 'queue:next' }, undefined, T0 + 205 * SEC); // cs1 reply: 45 s
  s = run(s, { type: 'queue:end' }, undefined, T0 + 295 * SEC); // ar1: 90 s
  // A named yes/no/abstain poll and a secret single-choice poll, both on item 1.
  s = run(s, { type: 'poll:create', question: 'Adopt the _hybrid_ format?', kind: 'yes_no_abstain' }, undefined, T0 + 5 * MIN);
  const named = pollId(s);
  s = run(s, { type: 'poll:open', pollId: named }, undefined, T0 + 5 * MIN);
  const votes: Array<[string, string]> = [['gov1', 'yes'], ['gov2', 'no'], ['cs1', 'yes'], ['ar1', 'abstain']];
  for (const [who, choice] of votes) s = run(s, { type: 'poll:vote', pollId: named, choices: [choice] }, as(who), T0 + 6 * MIN);
  s = run(s, { type: 'poll:close', pollId: named }, undefined, T0 + 7 * MIN);
  s = run(s, { type: 'poll:create', question: 'Which format?', kind: 'single', options: ['Virtual', 'Hybrid'], secret: true }, undefined, T0 + 8 * MIN);
  const secret = pollId(s);
  s = run(s, { type: 'poll:open', pollId: secret }, undefined, T0 + 8 * MIN);
  const opt = (label: string) => s.polls.byId[secret]!.options.find((o) => o.label === label)!.id;
  const ballots: Array<[string, string]> = [['gov1', 'Hybrid'], ['cs1', 'Hybrid'], ['ps1', 'Virtual']];
  for (const [who, label] of ballots) {
    s = run(s, { type: 'poll:vote', pollId: secret, choices: [opt(label)], ballotKey: keyOf(secret, who) }, as(who), T0 + 9 * MIN);
  }
  s = run(s, { type: 'poll:close', pollId: secret }, undefined, T0 + 10 * MIN);
  // Item 2 from minute 35: a floor speaker for two minutes.
  s = run(s, { type: 'agenda:setCurrent', itemId: item2(s) }, undefined, T0 + 35 * MIN);
  s = run(s, { type: 'queue:add', speaker: { name: 'Delegate of Kenya', group: 'government', affiliation: 'Kenya' } }, undefined, T0 + 35 * MIN);
  s = run(s, { type: 'queue:next' }, undefined, T0 + 36 * MIN);
  return run(s, { type: 'queue:end' }, undefined, T0 + 38 * MIN);
}

const md = meetingMinutes(world(), T0 + 40 * MIN);
/** The text from one heading to the next heading of the same or a higher level. */
function section(heading: string): string {
  const start = md.indexOf(heading);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const level = /^#+/.exec(heading)![0];
  const rest = md.slice(start + heading.length);
  const next = rest.search(new RegExp(`\\n#{1,${level.length}} `));
  return heading + (next < 0 ? rest : rest.slice(0, next));
}

describe('meetingMinutes', () => {
  it('opens with the title, kind, date and time in the zone and in UTC, labelled English', () => {
    expect(md.startsWith('# Minutes: WSIS Forum 2021 — second consultation meeting\n')).toBe(true);
    expect(md).toContain('- **Meeting kind:** hybrid');
    expect(md).toContain('- **Date and time:** Friday, 29 January 2021, 10:00–12:00 (Europe/Zurich, UTC+01:00)');
    expect(md).toContain('- **In UTC:** 2021-01-29 09:00 UTC – 2021-01-29 11:00 UTC');
    expect(md).toContain('- **Drafted:** 2021-01-29 09:40 UTC');
    expect(md).toContain('_Text in English;');
  });

  it('counts as attended someone who was present and has left before the minutes are drafted', () => {
    const left = meetingMinutes(
      run(world(), { type: 'participant:presence', participantId: 'ar1', present: false }, SYSTEM, T0 + 39 * MIN),
      T0 + 40 * MIN,
    );
    expect(left.split('## Attendance')[1]).toContain('| **Total** | 6 | 6 | 1 | 5 |');
  });

  it('counts attendance per stakeholder group, in room and remote', () => {
    const a = section('## Attendance');
    expect(a).toContain('| Government | 2 | 2 | 0 | 2 |');
    expect(a).toContain('| Civil society | 2 | 2 | 1 | 1 |');
    expect(a).toContain('| Private sector | 1 | 1 | 0 | 1 |');
    expect(a).toContain('| Academia | 0 | 0 | 0 | 0 |');
    expect(a).toContain('| Intergovernmental organizations | 1 | 1 | 0 | 1 |');
    expect(a).toContain('| **Total** | 6 | 6 | 1 | 5 |');
  });

  it('lists the items in order with planned and actual time, and the speakers in order with their kind of turn', () => {
    const one = section(`## 1. ${mdEscape(TITLE)}`);
    expect(md.indexOf('## 1. ')).toBeLessThan(md.indexOf('## 2. Format innovations'));
    expect(one).toContain('Planned: 30 min. Actual: 35 min 0 s (5 min 0 s over); first taken up at 10:00.');
    const rows = one.split('\n').filter((l) => /^\| \d/.test(l));
    expect(rows).toEqual([
      '| 1 | 10:00 | Amina | Normal | Government | — | Remote | 2 min 0 s | English | On\\_access \\& inclusion |',
      '| 2 | 10:02 | Dolores | Point of order | Private sector | — | Remote | 30 s | English |  |',
      '| 3 | 10:02 | Chen | Reply to Amina | Civil society | — | Remote | 45 s | English |  |',
      `| 4 | 10:03 | ${ARABIC} | Normal | Civil society | ${ARABIC_ORG} | In room | 1 min 30 s | Arabic |  |`,
    ]);
    const two = section('## 2. Format innovations');
    expect(two).toContain('Planned: 30 min. Actual: 5 min 0 s (25 min 0 s under); first taken up at 10:35, still current.');
    expect(two).toContain('| 1 | 10:36 | Delegate of Kenya | Normal | Government | Kenya | In room | 2 min 0 s | — |  |');
    expect(two).not.toContain('### Polls');
  });

  it('escapes Markdown in user text and keeps any script intact', () => {
    expect(mdEscape(TITLE)).toBe('Review of \\*WSIS\\* \\[2021\\] \\| \\#1 \\<draft\\>');
    expect(md).toContain(`## 1. Review of \\*WSIS\\* \\[2021\\] \\| \\#1 \\<draft\\>`);
    expect(md).not.toContain(TITLE);
    expect(mdEscape('- note\nsecond line')).toBe('\\- note second line');
    expect(mdEscape('1. first')).toBe('1\\. first');
    expect(mdEscape(ARABIC)).toBe(ARABIC);
    expect(mdEscape('中文名字')).toBe('中文名字');
  });

  it('gives each poll under its item with kind, ballot, final results with percentages and turnout', () => {
    const named = section('#### Poll: Adopt the \\_hybrid\\_ format?');
    expect(named).toContain('_yes / no / abstain, named vote, open to all present participants._ Final result.');
    // Labels, not option keys ("yes").
    expect(named).toContain('| Yes | 2 | 50% |');
    expect(named).toContain('| No | 1 | 25% |');
    expect(named).toContain('| Abstain | 1 | 25% |');
    expect(named).toContain('Turnout: 4 of 6 eligible voted (66.7%); 6 present.');
    const secret = section('#### Poll: Which format?');
    expect(secret).toContain('_single choice, secret ballot, open to all present participants._ Final result.');
    expect(secret).toContain('| Virtual | 1 | 33.3% |');
    expect(secret).toContain('| Hybrid | 2 | 66.7% |');
    expect(secret).toContain('Turnout: 3 of 6 eligible voted (50%); 6 present.');
  });

  it('never says who voted what, not even for a named poll', () => {
    const polls = section('### Polls');
    for (const name of ['Amina', 'Bruno', 'Chen', 'Dolores', ARABIC, 'gov1', 'ar1']) expect(polls).not.toContain(name);
    // Bruno voted but never spoke: a per-voter line is the only way his name could appear.
    expect(md).not.toContain('Bruno');
  });

  it('ends with speaking time per stakeholder group', () => {
    const st = section('## Speaking time by stakeholder group');
    expect(md.trimEnd().endsWith(st.trimEnd())).toBe(true);
    expect(st).toContain('| Government | 2 | 2 | 4 min 0 s | 2 min 0 s | 59.3% |');
    expect(st).toContain('| Civil society | 2 | 2 | 2 min 15 s | 1 min 8 s | 33.3% |');
    expect(st).toContain('| Private sector | 1 | 1 | 30 s | 30 s | 7.4% |');
    expect(st).toContain('| **Total** | 5 | 5 | 6 min 45 s | 1 min 21 s | 100% |');
    expect(st).toContain('In room: 3 min 30 s (51.9%); remote: 3 min 15 s (48.1%).');
  });

  it('measures a running turn at `now` and marks it', () => {
    let s = world();
    s = run(s, { type: 'queue:request' }, as('gov2'), T0 + 39 * MIN);
    s = run(s, { type: 'queue:next' }, undefined, T0 + 39 * MIN);
    const live = meetingMinutes(s, T0 + 40 * MIN);
    expect(live).toContain('| 2 | 10:39 | Bruno | Normal | Government | — | Remote | 1 min 0 s (speaking) | English |  |');
  });
});
