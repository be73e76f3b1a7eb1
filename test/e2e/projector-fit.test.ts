/**
 * The projector never cuts what the hall reads: a poll question of the longest allowed length and
 * a long agenda title are set smaller until they fit their boxes — not clamped, not ellipsised —
 * and stay at least as large as the projector's body text. At 1920x1080 and 1280x720, in English
 * and in Arabic (right to left).
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { connectClient } from '../helpers/server.js';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();

// 300 characters: the most a poll question may have (shared/domain/meeting/polls/model.ts).
const QUESTION = (
  'Should the WSIS Forum 2021 be held as a hybrid event, with in-person sessions at ITU headquarters in Geneva ' +
  'and a remote participation service for every session, the High-Level Track included, given the travel ' +
  'restrictions that many stakeholders still face and the experience of the fully virtual Forum of 2020 — yes?'
).slice(0, 299).replace(/\s+\S*$/, '') + '?';
// 200 characters: the most an agenda title may have (shared/domain/meeting/meeting.ts).
const TITLE = (
  'Thematic aspects and innovations of the format of the WSIS Forum 2021: official submissions, nominations of ' +
  'High-Level Track facilitators, regional and national inputs, and the remote participation service'
).slice(0, 200).replace(/\s+\S*$/, '');

interface Fit {
  scrollHeight: number;
  clientHeight: number;
  scrollWidth: number;
  clientWidth: number;
  fontPx: number;
  basePx: number;
  textOverflow: string;
  lineClamp: string;
  fit: string;
  inViewport: boolean;
}

/** How the text sits in its box, measured in the page. */
async function measure(locator: Locator): Promise<Fit> {
  return locator.evaluate((el: HTMLElement) => {
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    const base = parseFloat(getComputedStyle(el.closest('.projector')!).fontSize);
    return {
      scrollHeight: el.scrollHeight,
      clientHeight: el.clientHeight,
      scrollWidth: el.scrollWidth,
      clientWidth: el.clientWidth,
      fontPx: parseFloat(cs.fontSize),
      basePx: base,
      textOverflow: cs.textOverflow,
      lineClamp: cs.getPropertyValue('-webkit-line-clamp') || 'none',
      fit: el.dataset.fit ?? '',
      inViewport: r.top >= 0 && r.bottom <= window.innerHeight + 0.5,
    };
  });
}

async function expectWhole(page: Page, testId: string, full: string, label: string): Promise<Fit> {
  const loc = page.getByTestId(testId);
  await loc.waitFor();
  // The fit runs after layout; poll briefly until it has settled.
  let m = await measure(loc);
  for (let i = 0; i < 40 && (m.scrollHeight > m.clientHeight || m.scrollWidth > m.clientWidth); i++) {
    await page.waitForTimeout(100);
    m = await measure(loc);
  }
  expect(m.scrollHeight, `${label}: ${JSON.stringify(m)}`).toBeLessThanOrEqual(m.clientHeight);
  expect(m.scrollWidth, `${label}: ${JSON.stringify(m)}`).toBeLessThanOrEqual(m.clientWidth);
  expect(m.textOverflow, label).not.toBe('ellipsis');
  expect(m.lineClamp, label).toBe('none');
  expect(m.inViewport, `${label} inside the screen`).toBe(true);
  // Readable: never smaller than the projector's body text, and never tiny in absolute terms.
  expect(m.fontPx, `${label}: ${JSON.stringify(m)}`).toBeGreaterThanOrEqual(m.basePx - 0.5);
  expect(m.fontPx, label).toBeGreaterThanOrEqual(16);
  // The whole text is there (nothing replaced by an ellipsis in the DOM either).
  expect((await loc.textContent())!.trim(), label).toBe(full);
  return m;
}

describe('projector fits long texts', () => {
  it('a 300-character question and a 200-character title are whole and readable at 1920x1080 and 1280x720, in English and Arabic', async () => {
    const srv = e2e.server;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    try {
      expect((await mod.send({ type: 'agenda:add', title: TITLE, plannedMinutes: 20, index: 0 })).ok).toBe(true);
      const itemId = mod.state!.agenda.items[0]!.id;
      expect((await mod.send({ type: 'agenda:setCurrent', itemId })).ok).toBe(true);

      // Without a poll: the title has two full-size lines' room, and shrinks into it.
      for (const [width, height, lang] of [
        [1920, 1080, 'en'],
        [1280, 720, 'ar'],
      ] as const) {
        const page = await e2e.open(`${meetingPage(srv, 'projector', srv.tokens.projector)}&lang=${lang}`, { contextOptions: { viewport: { width, height } } });
        await pw(page.getByTestId('current-item-title')).toContainText(TITLE.slice(0, 40));
        const m = await expectWhole(page, 'current-item-title', TITLE, `title ${width}x${height} ${lang}`);
        // It really was too long for the full size: the fit is what makes it whole.
        expect(await page.getByTestId('current-item-title').getAttribute('data-fit')).toBe('shrunk');
        expect(m.fontPx).toBeLessThan(m.basePx * 2.3);
      }

      // With the poll on the stage and live results: question and title both whole.
      const created = await mod.send({ type: 'poll:create', question: QUESTION, kind: 'yes_no_abstain', resultsVisibility: 'live' });
      expect(created.ok).toBe(true);
      const pollId = Object.keys(mod.state!.polls.byId)[0]!;
      expect((await mod.send({ type: 'poll:open', pollId })).ok).toBe(true);
      expect((await mod.send({ type: 'poll:showOnProjector', pollId })).ok).toBe(true);

      for (const [width, height] of [
        [1920, 1080],
        [1280, 720],
      ] as const) {
        for (const lang of ['en', 'ar'] as const) {
          const page = await e2e.open(`${meetingPage(srv, 'projector', srv.tokens.projector)}&lang=${lang}`, {
            contextOptions: { viewport: { width, height } },
          });
          expect(await page.evaluate(() => document.documentElement.dir)).toBe(lang === 'ar' ? 'rtl' : 'ltr');
          await page.getByTestId('results-chart').waitFor();
          await expectWhole(page, 'projector-poll-question', QUESTION, `question ${width}x${height} ${lang}`);
          await expectWhole(page, 'current-item-title', TITLE, `title beside a poll ${width}x${height} ${lang}`);
          const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollHeight, inner: window.innerHeight }));
          expect(scroll).toBeLessThanOrEqual(inner + 1);
          if (width === 1280) await e2e.screenshot(page, `projector-fit-${width}-${lang}`);
        }
      }

      // Resizing the window re-fits: from 1920x1080 down to 1280x720 the question is still whole.
      const page = await e2e.open(meetingPage(srv, 'projector', srv.tokens.projector), { contextOptions: { viewport: { width: 1920, height: 1080 } } });
      await page.getByTestId('results-chart').waitFor();
      const big = await expectWhole(page, 'projector-poll-question', QUESTION, 'question before resize');
      await page.setViewportSize({ width: 1280, height: 720 });
      const small = await expectWhole(page, 'projector-poll-question', QUESTION, 'question after resize');
      expect(small.fontPx).toBeLessThan(big.fontPx);
    } finally {
      mod.close();
    }
  });
});
