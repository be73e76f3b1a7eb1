/**
 * What the hall reads on the projector, beyond the countdown: a paused turn says PAUSED in letters
 * the back row reads, with the frozen time dimmed; speaking-time bars are in proportion to their
 * shares (21 % does not look like 64 %); a next speaker with a badge keeps their whole name; and a
 * closed list is said on the projector and on a phone's bottom bar, which no longer just vanishes.
 */
import { describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/server.js';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();
const LONG_NAME = 'Her Excellency Ambassador María Fernanda Espinosa Garcés de la Torre';

describe('projector states', () => {
  it('paused, proportional statistics, whole names beside badges, and a closed list', async () => {
    const srv = e2e.server;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const people = await Promise.all(srv.tokens.participants.slice(0, 3).map((t) => connectClient(srv.url, t)));
    try {
      for (const p of people) expect((await p.send({ type: 'queue:request' })).ok).toBe(true);
      // Two finished turns of different lengths (different groups), so the shares differ.
      expect((await mod.send({ type: 'queue:next' })).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await mod.send({ type: 'queue:next' })).ok).toBe(true);
      await new Promise((r) => setTimeout(r, 3_000));
      expect((await mod.send({ type: 'queue:next' })).ok).toBe(true);
      const added = await mod.send({
        type: 'queue:add',
        speaker: { name: LONG_NAME, group: 'government', affiliation: 'Ecuador' },
        kind: 'point_of_order',
      });
      expect(added.ok).toBe(true);
      expect((await mod.send({ type: 'queue:pause' })).ok).toBe(true);

      const page = await e2e.open(meetingPage(srv, 'projector', srv.tokens.projector), { contextOptions: { viewport: { width: 1280, height: 720 } } });
      // PAUSED, large: at least 4 % of the screen's height, and the time under it dimmed.
      const paused = page.getByTestId('paused');
      await paused.waitFor();
      const box = (await paused.boundingBox())!;
      expect(box.height).toBeGreaterThanOrEqual(720 * 0.04);
      expect(Number(await page.getByTestId('countdown-time').evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(0.7);
      await e2e.screenshot(page, 'projector-paused-1280');
      // Resumed: the word goes away.
      expect((await mod.send({ type: 'queue:resume' })).ok).toBe(true);
      await pw(page.getByTestId('paused')).toHaveCount(0);

      // Bars in proportion: each fill is its share of one fixed track, and the shares differ.
      const bars = await page.getByTestId('stats-bar').evaluateAll((els) =>
        els.map((el) => ({ want: parseFloat((el as HTMLElement).style.inlineSize) / 100, got: el.getBoundingClientRect().width / el.parentElement!.getBoundingClientRect().width, track: el.parentElement!.getBoundingClientRect().width })),
      );
      expect(bars.length).toBeGreaterThanOrEqual(2);
      for (const b of bars) expect(Math.abs(b.got - b.want), JSON.stringify(bars)).toBeLessThan(0.03);
      for (const b of bars) expect(b.track).toBe(bars[0]!.track);
      expect(Math.min(...bars.map((b) => b.want)), JSON.stringify(bars)).toBeLessThan(0.45);

      // The point of order is next, with its badge, and the long name is whole (wrapped, not cut).
      const first = page.getByTestId('projector-next-speaker').first();
      await pw(first.getByTestId('projector-next-kind')).toHaveCount(1);
      const name = first.getByTestId('projector-next-name');
      await pw(name).toHaveText(LONG_NAME);
      const fit = await name.evaluate((el) => ({ sw: el.scrollWidth, cw: el.clientWidth, to: getComputedStyle(el).textOverflow }));
      expect(fit.sw, JSON.stringify(fit)).toBeLessThanOrEqual(fit.cw);
      expect(fit.to).not.toBe('ellipsis');

      // A closed list is said on the projector, and on a phone's bar (which used to vanish).
      const phone = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!), {
        contextOptions: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
      });
      await phone.getByTestId('queue-quick-request').waitFor();
      expect((await mod.send({ type: 'queue:close', allowPointsOfOrder: false })).ok).toBe(true);
      await pw(page.getByTestId('projector-list-closed')).toHaveText('List of speakers closed');
      await pw(phone.getByTestId('queue-quick-closed')).toHaveText('The list of speakers is closed.');
      expect((await mod.send({ type: 'queue:reopen' })).ok).toBe(true);
      await pw(page.getByTestId('projector-list-closed')).toHaveCount(0);
      await phone.getByTestId('queue-quick-request').waitFor();
      expect((await mod.send({ type: 'queue:close', allowPointsOfOrder: true })).ok).toBe(true);
      await pw(page.getByTestId('projector-list-closed')).toHaveText('List of speakers closed: points of order only');
    } finally {
      for (const c of [mod, ...people]) c.close();
    }
  });
});
