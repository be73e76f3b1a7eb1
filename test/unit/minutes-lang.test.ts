/**
 * Minutes in the reader's language (`?lang=`, server/http/minutes-text.ts): every heading, label and
 * sentence the minutes write comes from the language's table — none of the English words is left in
 * another language's minutes — while names and titles stay as entered.
 */
import { describe, expect, it } from 'vitest';
import { LANGUAGES, SYSTEM } from '../../shared/domain/index.js';
import { meetingMinutes } from '../../server/http/minutes.js';
import { minutesText } from '../../server/http/minutes-text.js';
import { MIN, SEC, T0, as, meeting, run } from './queue-fixture.js';

function world() {
  let s = meeting();
  s = run(s, { type: 'participant:register', participantId: 'ar1', role: 'participant', profile: { name: 'ليلى', group: 'civil-society', affiliation: '', language: 'ar' } }, SYSTEM);
  s = run(s, { type: 'participant:presence', participantId: 'ar1', present: true }, SYSTEM);
  s = run(s, { type: 'queue:request' }, as('ar1'), T0 + SEC);
  s = run(s, { type: 'queue:next' }, undefined, T0 + 2 * SEC);
  s = run(s, { type: 'queue:end' }, undefined, T0 + 62 * SEC);
  s = run(s, { type: 'poll:create', question: 'Hybrid?', kind: 'yes_no_abstain' }, undefined, T0 + 2 * MIN);
  const pollId = s.polls.order[s.polls.order.length - 1]!;
  s = run(s, { type: 'poll:open', pollId }, undefined, T0 + 2 * MIN);
  return run(s, { type: 'poll:close', pollId }, undefined, T0 + 3 * MIN);
}

const ENGLISH_ONLY = ['# Minutes:', '## Attendance', '### Speakers', 'Stakeholder group', 'Speaking time by stakeholder group', 'Turnout:', 'Planned:', 'Final result.', 'Civil society', 'named vote'];

describe('meetingMinutes(…, lang)', () => {
  const s = world();
  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s: headings and labels in the language, names as entered, no English labels left', (lang) => {
    const md = meetingMinutes(s, T0 + 5 * MIN, lang);
    const t = minutesText(lang);
    expect(md.startsWith(`# ${t.minutes}: `)).toBe(true);
    for (const heading of [`## ${t.attendance}`, `### ${t.speakers}`, `### ${t.polls}`, `## ${t.stats}`]) expect(md).toContain(heading);
    expect(md).toContain(t.groups['civil-society']);
    expect(md).toContain(t.final);
    expect(md).toContain('ليلى');
    for (const en of ENGLISH_ONLY) expect(md, `${lang} minutes contain "${en}"`).not.toContain(en);
  });

  it('dates follow the language (French month names), digits stay Latin in Arabic', () => {
    expect(meetingMinutes(s, T0 + 5 * MIN, 'fr')).toMatch(/janvier 2021/);
    const ar = meetingMinutes(s, T0 + 5 * MIN, 'ar');
    expect(ar).toMatch(/يناير/);
    expect(ar).not.toMatch(/[٠-٩]/);
  });

  it('English stays the default', () => {
    expect(meetingMinutes(s, T0 + 5 * MIN)).toBe(meetingMinutes(s, T0 + 5 * MIN, 'en'));
    expect(meetingMinutes(s, T0 + 5 * MIN)).toContain('## Attendance');
  });
});
