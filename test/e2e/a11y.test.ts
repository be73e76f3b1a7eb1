/**
 * Accessibility, kept in the suite: every page (landing, join, participant, moderator, projector,
 * room bridge), in English and in Arabic, populated (a speaker on the floor, a queue, an open poll on
 * the projector), audited with axe-core against WCAG 2.1 A/AA; any serious or critical violation
 * fails, listed with its rule, targets and help. Then the core flows by keyboard alone: a participant
 * tabs to "Request the floor", presses Enter and withdraws; the chair drives the floor with N/P/E/U;
 * the live regions say "You have the floor" and position changes. See docs/accessibility.md.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connectClient, waitFor, type TestServer } from '../helpers/server.js';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** A11Y_REVIEW=1 also logs what axe could not decide and best-practice findings (never fails on them). */
const REVIEW = !!process.env.A11Y_REVIEW;

const line = (label: string, v: AxeResult, n: AxeResult['nodes'][number]) =>
  `[${label}] ${v.id} (${v.impact}) ${JSON.stringify(n.target)}: ${v.help} <${v.helpUrl}>${n.failureSummary ? ` — ${n.failureSummary.replace(/\s+/g, ' ')}` : ''}`;

/** Runs axe on the page as it is now; returns the serious and critical violations, one line per node. */
async function audit(page: Page, label: string): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const res = await page.evaluate(
    async ({ tags, review }) => {
      type Run = (ctx: Document, o: object) => Promise<{ violations: AxeResult[]; incomplete: AxeResult[] }>;
      const axe = (window as unknown as { axe: { run: Run } }).axe;
      const slim = (vs: AxeResult[]) => vs.map((v) => ({ ...v, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
      const strict = await axe.run(document, { runOnly: tags, resultTypes: ['violations'] });
      const all = review ? await axe.run(document, {}) : null;
      return { violations: slim(strict.violations), review: all ? [...slim(all.violations), ...slim(all.incomplete)] : [] };
    },
    { tags: WCAG_21_AA, review: REVIEW },
  );
  if (REVIEW) for (const v of res.review) for (const n of v.nodes) console.log(`REVIEW ${line(label, v, n)}`);
  // axe 4.x no longer checks duplicate ids on their own; a label or aria-labelledby pointing at one breaks.
  const dupIds = await page.evaluate(() => {
    const seen = new Map<string, number>();
    document.querySelectorAll('[id]').forEach((el) => seen.set(el.id, (seen.get(el.id) ?? 0) + 1));
    return [...seen].filter(([, n]) => n > 1).map(([id]) => id);
  });
  return [
    ...res.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').flatMap((v) => v.nodes.map((n) => line(label, v, n))),
    ...dupIds.map((id) => `[${label}] duplicate id "${id}"`),
  ];
}

/** Two people in line, a third holding the floor, and an open poll shown on the projector. */
async function populate(srv: TestServer): Promise<void> {
  const mod = await connectClient(srv.url, srv.tokens.moderator);
  const speakers = await Promise.all([1, 2, 3].map((i) => connectClient(srv.url, srv.tokens.participants[i]!)));
  for (const s of speakers) {
    const ack = await s.send({ type: 'queue:request', note: 'On behalf of the group' });
    if (!ack.ok) throw new Error(ack.error.message);
  }
  if (!(await mod.send({ type: 'queue:next' })).ok) throw new Error('queue:next refused');
  const created = await mod.send({ type: 'poll:create', question: 'Keep the hybrid format?', kind: 'yes_no_abstain' });
  if (!created.ok) throw new Error(created.error.message);
  const pollId = mod.state!.polls.order[mod.state!.polls.order.length - 1]!;
  if (!(await mod.send({ type: 'poll:open', pollId })).ok) throw new Error('poll:open refused');
  if (!(await mod.send({ type: 'poll:showOnProjector', pollId })).ok) throw new Error('poll:showOnProjector refused');
  await waitFor(() => mod.state!.polls.projectorPollId === pollId);
}

describe('accessibility', () => {
  it('no serious or critical WCAG 2.1 AA violation on any page, in English and Arabic', async () => {
    const srv = e2e.server;
    await populate(srv);
    const found: string[] = [];
    const titles: Record<string, string> = {};
    for (const lang of ['en', 'ar'] as const) {
      const pages: [string, string, string][] = [
        ['landing', `/?lang=${lang}`, 'h1'],
        ['join', `/join?t=${encodeURIComponent(srv.tokens.invite)}&lang=${lang}`, '[data-testid="join-form"]'],
        // Ana (participants[2]) is second in line; participants[1] holds the floor.
        ['participant', `${meetingPage(srv, 'participant', srv.tokens.participants[2]!)}&lang=${lang}`, '[data-testid="poll-option"]'],
        ['moderator', `${meetingPage(srv, 'moderator', srv.tokens.moderator)}&lang=${lang}`, '[data-testid="queue-entry"]'],
        ['projector', `${meetingPage(srv, 'projector', srv.tokens.projector)}&lang=${lang}`, '[data-testid="results-chart"]'],
        ['room', `${meetingPage(srv, 'room', srv.tokens.room)}&lang=${lang}`, '[data-testid="room-status"]'],
      ];
      for (const [name, path, ready] of pages) {
        const page = await e2e.open(path);
        await page.locator(ready).first().waitFor();
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(lang);
        titles[`${name}/${lang}`] = await page.title();
        if (name === 'moderator') {
          // Audit the folded panels too: open each fold and the poll draft form.
          await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
          await page.getByTestId('poll-new').click();
        }
        found.push(...(await audit(page, `${name}/${lang}`)));
        await page.context().close();
      }
    }
    // The projector without a poll: the speaker, the next speakers and the speaking-time statistics.
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    await mod.send({ type: 'poll:hideFromProjector' });
    const projector = await e2e.open(meetingPage(srv, 'projector', srv.tokens.projector));
    await projector.getByTestId('projector-next-speaker').first().waitFor();
    found.push(...(await audit(projector, 'projector-no-poll/en')));

    // Each tab says which page and which meeting it is (WCAG 2.4.2), in the page's language.
    const meeting = 'WSIS Forum 2021 Open Consultation — second meeting'; // the seeded demo
    expect(titles['moderator/en']).toBe(`Moderator — ${meeting} — Plenary`);
    expect(titles['projector/en']).toBe(`Projector — ${meeting} — Plenary`);
    expect(titles['join/en']).toBe('Join the meeting — Plenary');
    expect(new Set(Object.values(titles)).size).toBeGreaterThanOrEqual(11);
    expect(found, `axe violations:\n${found.join('\n')}`).toEqual([]);
  }, 90_000);

  it('a participant asks for the floor and withdraws with the keyboard alone; the live region says where they stand', async () => {
    const srv = e2e.server;
    const kwame = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!)); // technical community, en
    await kwame.getByTestId('request-floor').waitFor();
    // The first stop is the skip link, then the page in reading order up to "Request the floor".
    await kwame.keyboard.press('Tab');
    expect(await focusedTestId(kwame, 'class')).toBe('skip-link');
    const presses = await tabTo(kwame, 'request-floor');
    expect(presses).toBeLessThan(30);
    // Focus is visible: a solid ring of at least 2px.
    const ring = await kwame.evaluate(() => {
      const st = getComputedStyle(document.activeElement!);
      return { style: st.outlineStyle, width: parseFloat(st.outlineWidth) };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);

    await kwame.keyboard.press('Enter');
    // "3rd in line" after the audit above (two people wait before Kwame), "1st" when run alone.
    const position = kwame.getByTestId('my-position');
    await position.waitFor();
    const where = (await position.textContent())!.trim();
    expect(where).toMatch(/^\d+(st|nd|rd|th) in line$/);
    await pw(kwame.getByTestId('queue-announcer')).toHaveText(`You are now ${where}.`);
    // Focus stayed on the button (it is only briefly busy); the withdraw button is the next stop.
    await pw(kwame.getByTestId('request-floor')).toBeFocused();
    expect(await tabTo(kwame, 'withdraw')).toBe(1);
    await kwame.keyboard.press('Enter');
    await pw(kwame.getByTestId('my-request')).toHaveCount(0);
    // The withdraw button went away with the row; focus is back on "Request the floor", not lost.
    await pw(kwame.getByTestId('request-floor')).toBeFocused();
    expect(e2e.pageErrors).toEqual([]);
  });

  it('the chair drives the floor with N, P, E and U while focus is in the page; the speaker hears "You have the floor"', async () => {
    const srv = e2e.server;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    // A fresh list: the next agenda item (the running turn continues until ended).
    const next = mod.state!.agenda.items.find((i) => i.id !== mod.state!.agenda.currentItemId)!;
    if (!(await mod.send({ type: 'agenda:setCurrent', itemId: next.id })).ok) throw new Error('agenda:setCurrent refused');
    const console_ = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
    const kwame = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!));
    await kwame.getByTestId('request-floor').click();
    await pw(kwame.getByTestId('my-position')).toHaveText('1st in line');

    // Focus on a control of the console (not a text field): the shortcuts work from there.
    await tabTo(console_, 'next-speaker');
    const announcer = kwame.getByTestId('queue-announcer');
    await console_.keyboard.press('e'); // ends the turn carried over from the previous item
    await pw(console_.getByTestId('end-turn')).toHaveAttribute('disabled', '');
    await console_.keyboard.press('n');
    await kwame.getByTestId('you-have-the-floor').waitFor();
    await pw(announcer).toHaveText('You have the floor.');
    await console_.keyboard.press('p');
    await pw(console_.getByTestId('pause-resume')).toHaveText('Resume');
    await console_.keyboard.press('p');
    await pw(console_.getByTestId('pause-resume')).toHaveText('Pause');
    await console_.keyboard.press('e');
    await pw(announcer).toHaveText('Your turn has ended.');
    await console_.keyboard.press('u');
    await pw(announcer).toHaveText('You have the floor.');
    // Typing in a field is not a shortcut: the turn goes on.
    await console_.getByTestId('agenda-add-title').fill('');
    await console_.getByTestId('agenda-add-title').press('e');
    await new Promise((r) => setTimeout(r, 300));
    expect(await kwame.getByTestId('you-have-the-floor').count()).toBe(1);
    // The buttons announce their shortcuts to assistive technology.
    expect(await console_.getByTestId('next-speaker').getAttribute('aria-keyshortcuts')).toBe('N');

    // A poll opening is said too: the ballot sits in a panel further down the page.
    const created = await mod.send({ type: 'poll:create', question: 'Adopt the report?', kind: 'yes_no_abstain' });
    if (!created.ok) throw new Error(created.error.message);
    const pollId = mod.state!.polls.order[mod.state!.polls.order.length - 1]!;
    await mod.send({ type: 'poll:open', pollId });
    await pw(kwame.getByTestId('announcer')).toHaveText('A poll is open: Adopt the report?');
    expect(e2e.pageErrors).toEqual([]);
  });

  it('on a phone, the bottom bar keeps keyboard focus through asking and withdrawing', async () => {
    const srv = e2e.server;
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    const amelie = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[5]!), { contextOptions: phone });
    const bar = amelie.getByTestId('queue-quick');
    await bar.getByTestId('queue-quick-request').focus();
    await amelie.keyboard.press('Enter');
    await pw(bar.getByTestId('queue-quick-withdraw')).toBeFocused();
    await amelie.keyboard.press('Enter');
    await pw(bar.getByTestId('queue-quick-request')).toBeFocused();
    const found = await audit(amelie, 'participant/phone');
    expect(found, `axe violations:\n${found.join('\n')}`).toEqual([]);
    expect(e2e.pageErrors).toEqual([]);
  });
});

/** data-testid (or class) of the focused element. */
function focusedTestId(page: Page, attr: 'data-testid' | 'class' = 'data-testid'): Promise<string | null> {
  return page.evaluate((a) => document.activeElement?.getAttribute(a) ?? null, attr);
}

/** Presses Tab until the element with `testid` has focus; returns how many presses it took. */
async function tabTo(page: Page, testid: string, max = 80): Promise<number> {
  for (let n = 1; n <= max; n++) {
    await page.keyboard.press('Tab');
    if ((await focusedTestId(page)) === testid) return n;
  }
  throw new Error(`Tab never reached [data-testid="${testid}"] in ${max} presses`);
}
