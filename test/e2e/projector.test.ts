/**
 * The projector fits one screen: with a speaker holding the floor and a poll shown, the countdown,
 * the next speakers and the QR code are all inside the viewport and the page does not scroll — at
 * 1920x1080 in English and at 1024x768 in Arabic. The moderator's "speaking time on the projector"
 * switch hides and shows the statistics there.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { connectClient } from '../helpers/server.js';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();

async function inViewport(page: Page, locator: Locator): Promise<void> {
  const box = await locator.boundingBox();
  const vh = page.viewportSize()!.height;
  expect(box, String(locator)).not.toBeNull();
  expect(box!.y, String(locator)).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height, String(locator)).toBeLessThanOrEqual(vh);
}

async function fitsOneScreen(page: Page): Promise<void> {
  await page.getByTestId('projector-poll').waitFor();
  await page.getByTestId('join-qr').waitFor();
  await pw(page.getByTestId('projector-next-speaker')).toHaveCount(3);
  await inViewport(page, page.getByTestId('countdown'));
  await inViewport(page, page.getByTestId('countdown-time'));
  await inViewport(page, page.getByTestId('projector-next-speaker').first());
  await inViewport(page, page.getByTestId('projector-next-speaker').last());
  await inViewport(page, page.getByTestId('join-qr'));
  await inViewport(page, page.getByTestId('results-chart'));
  const { scroll, inner } = await page.evaluate(() => ({ scroll: document.scrollingElement!.scrollHeight, inner: window.innerHeight }));
  expect(scroll).toBeLessThanOrEqual(inner + 1);
}

describe('projector layout', () => {
  it('speaker, next speakers, QR code and a poll all fit one screen; the moderator hides the statistics', async () => {
    const srv = e2e.server;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const people = await Promise.all(srv.tokens.participants.slice(0, 5).map((t) => connectClient(srv.url, t)));
    try {
      for (const p of people) expect((await p.send({ type: 'queue:request' })).ok).toBe(true);
      // One turn over, so there are statistics; the next speaker holds the floor.
      expect((await mod.send({ type: 'queue:next' })).ok).toBe(true);
      expect((await mod.send({ type: 'queue:next' })).ok).toBe(true);

      const projector = await e2e.open(meetingPage(srv, 'projector', srv.tokens.projector), {
        contextOptions: { viewport: { width: 1920, height: 1080 } },
      });
      await projector.getByTestId('countdown').waitFor();
      // The statistics are shown by default; the moderator's switch hides them, live.
      const moderator = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
      await projector.getByTestId('queue-stats').waitFor();
      await moderator.getByTestId('queue-settings').locator('summary').click();
      const toggle = moderator.getByTestId('projector-stats');
      expect(await toggle.isChecked()).toBe(true);
      await toggle.uncheck();
      await pw(projector.getByTestId('queue-stats')).toHaveCount(0);
      await toggle.check();
      await projector.getByTestId('queue-stats').waitFor();

      // A poll on the projector takes the stage; nothing is pushed off the screen.
      const created = await mod.send({ type: 'poll:create', question: 'Should the WSIS Forum 2021 be held as a hybrid event?', kind: 'yes_no_abstain' });
      expect(created.ok).toBe(true);
      const pollId = Object.keys(mod.state!.polls.byId)[0]!;
      expect((await mod.send({ type: 'poll:open', pollId })).ok).toBe(true);
      expect((await mod.send({ type: 'poll:showOnProjector', pollId })).ok).toBe(true);
      await fitsOneScreen(projector);

      // The same on a 4:3 screen, in Arabic (right to left).
      const arabic = await e2e.open(`${meetingPage(srv, 'projector', srv.tokens.projector)}&lang=ar`, {
        contextOptions: { viewport: { width: 1024, height: 768 } },
      });
      expect(await arabic.evaluate(() => document.documentElement.dir)).toBe('rtl');
      await fitsOneScreen(arabic);
      await e2e.screenshot(projector, 'projector-1920-poll');
    } finally {
      for (const c of [mod, ...people]) c.close();
    }
  });
});
