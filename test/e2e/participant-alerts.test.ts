/**
 * What a participant must not miss (issue 12, items 2–5), in real Chromium against the built client:
 * the request form goes back to an ordinary request after the list reopens; a participant whose
 * request a moderator removes or undoes is told; with the server down, commands are refused at once
 * with "offline" on the moderator's console and on a phone, the phone keeps an offline banner in
 * sight, and nothing is applied after the restart; a poll that opens shows a banner on a phone and
 * on a desktop whose button brings the ballot into view with the focus on it.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { MeetingState } from '../../shared/domain/index.js';
import { connectClient, waitFor } from '../helpers/server.js';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

const entriesOf = (s: MeetingState | null, pid: string) =>
  Object.values(s?.queue.lists ?? {}).flatMap((l) => l.entries).filter((e) => e.participantId === pid);

/** Whether the element's box is within the page's viewport now. */
const inViewport = (page: Page, testid: string) =>
  page.getByTestId(testid).first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight && r.height > 0;
  });

async function participant(token: string, phone = false): Promise<Page> {
  const page = await e2e.open(`${meetingPage(e2e.server, 'participant', token)}&lang=en`, phone ? { contextOptions: PHONE } : {});
  await page.getByTestId('queue-panel').waitFor();
  return page;
}

describe('a participant is told, and their form does what they mean', () => {
  it('after the list closes and reopens, the next request is an ordinary one (not a point of order)', async () => {
    const srv = e2e.server;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const pid = srv.participantIds[4]!;
    const page = await participant(srv.tokens.participants[4]!);
    const kind = page.getByTestId('request-kind');
    await pw(kind).toHaveValue('normal');

    expect((await mod.send({ type: 'queue:close', allowPointsOfOrder: true })).ok).toBe(true);
    await pw(kind).toHaveValue('point_of_order');
    expect((await mod.send({ type: 'queue:reopen' })).ok).toBe(true);
    await pw(kind).toHaveValue('normal');
    await page.getByTestId('request-floor').click();
    const mine = await waitFor(() => entriesOf(mod.state, pid)[0], 5_000, 'request filed');
    expect(mine.kind).toBe('normal');

    // A point of order chosen on purpose is a one-off: the form is back on "normal" after it.
    await kind.selectOption('point_of_order');
    await page.getByTestId('request-floor').click();
    await waitFor(() => entriesOf(mod.state, pid).some((e) => e.kind === 'point_of_order'), 5_000, 'point of order filed');
    await pw(kind).toHaveValue('normal');
    expect((await mod.send({ type: 'queue:clear' })).ok).toBe(true);
    mod.close();
  });

  it('a request the moderator removes, or takes back by undo, is announced to its owner', async () => {
    const srv = e2e.server;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const pid = srv.participantIds[5]!;
    const page = await participant(srv.tokens.participants[5]!);
    await page.getByTestId('request-floor').click();
    const entry = await waitFor(() => entriesOf(mod.state, pid)[0], 5_000, 'request filed');
    expect((await mod.send({ type: 'queue:remove', entryId: entry.id })).ok).toBe(true);
    const notice = page.getByTestId('request-removed');
    await pw(notice).toHaveAttribute('data-reason', 'removed');
    expect(await notice.getAttribute('role')).toBe('alert');
    await pw(notice).toContainText('The moderator removed your request to speak.');
    await page.getByTestId('request-removed-dismiss').click();
    await pw(notice).toHaveCount(0);

    // The moderator adds them by mistake and undoes it: they are told why it vanished.
    expect((await mod.send({ type: 'queue:add', speaker: { participantId: pid } })).ok).toBe(true);
    await pw(page.getByTestId('my-request')).toHaveCount(1);
    expect((await mod.send({ type: 'queue:undo' })).ok).toBe(true);
    await pw(notice).toHaveAttribute('data-reason', 'undone');
    // Their own withdrawal is not announced as a removal.
    await page.getByTestId('request-removed-dismiss').click();
    await page.getByTestId('request-floor').click();
    await pw(page.getByTestId('my-request')).toHaveCount(1);
    await page.getByTestId('withdraw').click();
    await pw(page.getByTestId('my-request')).toHaveCount(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(await notice.count()).toBe(0);
    mod.close();
  });

  it('a poll that opens shows a banner on a phone and a desktop; its button brings the ballot into view and focus', async () => {
    const srv = e2e.server;
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    const phone = await participant(srv.tokens.participants[3]!, true);
    const desk = await participant(srv.tokens.participants[2]!);
    await pw(phone.getByTestId('poll-banner')).toHaveCount(0);

    const question = 'Hold the next forum as a hybrid event?';
    expect((await mod.send({ type: 'poll:create', question, kind: 'yes_no_abstain' })).ok).toBe(true);
    const poll = await waitFor(() => Object.values(mod.state!.polls.byId).find((p) => p.question === question));
    expect((await mod.send({ type: 'poll:open', pollId: poll.id })).ok).toBe(true);

    for (const page of [phone, desk]) {
      // The question is bidi-isolated (FSI … PDI) inside the sentence.
      await pw(page.getByTestId('poll-banner')).toContainText(`A poll is open: \u2068${question}\u2069`);
      expect(await inViewport(page, 'poll-banner')).toBe(true);
      await pw(page.getByTestId('announcer')).toContainText(question);
    }
    // On the phone the ballot starts out of sight; the banner's button brings it in and focuses it.
    expect(await inViewport(phone, 'poll-ballot')).toBe(false);
    await phone.getByTestId('poll-banner-go').click();
    await waitFor(() => inViewport(phone, 'poll-ballot'), 5_000, 'ballot scrolled into view');
    expect(await phone.evaluate(() => !!document.activeElement?.closest('[data-testid="poll-ballot"]'))).toBe(true);
    await e2e.screenshot(phone, 'poll-banner-phone');

    // Voting from there: the banner goes.
    await phone.keyboard.press('Space');
    await phone.getByTestId('poll-submit').click();
    await pw(phone.getByTestId('poll-recorded')).toHaveCount(1);
    await pw(phone.getByTestId('poll-banner')).toHaveCount(0);
    expect((await mod.send({ type: 'poll:close', pollId: poll.id })).ok).toBe(true);
    await pw(desk.getByTestId('poll-banner')).toHaveCount(0);
    mod.close();
  });
});

describe('with the server down', () => {
  it('commands are refused at once with "offline", the phone keeps the banner in sight, nothing applies after the restart', async () => {
    let srv = e2e.server;
    const pid = srv.participantIds[1]!;
    const moderator = await e2e.open(`${meetingPage(srv, 'moderator', srv.tokens.moderator)}&lang=en`);
    await moderator.getByTestId('queue-console').waitFor();
    const phone = await participant(srv.tokens.participants[1]!, true);
    // One speaker waits, so a "next" that slipped through later would visibly start a turn.
    await phone.getByTestId('request-floor').click();
    await pw(phone.getByTestId('my-request')).toHaveCount(1);

    srv = await e2e.restartServer(async () => {
      for (const p of [moderator, phone]) await pw(p.getByTestId('connection-status'), 10_000).toHaveAttribute('data-status', 'reconnecting');
      // The phone, scrolled to the bottom, still shows the offline banner.
      await phone.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await pw(phone.getByTestId('offline-banner')).toContainText('You are offline');
      expect(await inViewport(phone, 'offline-banner')).toBe(true);

      // N on the console: refused on the spot, and it says so.
      await moderator.locator('body').click();
      const t0 = Date.now();
      await moderator.keyboard.press('n');
      await pw(moderator.getByTestId('last-error'), 2_000).toHaveAttribute('data-code', 'offline');
      expect(Date.now() - t0).toBeLessThan(2_000);
      await pw(moderator.getByTestId('last-error')).toContainText('You are offline: this was not sent.');

      // The phone withdraws (its quick bar): refused, and the notice is in sight although scrolled down.
      await phone.getByTestId('queue-quick-withdraw').click();
      await pw(phone.getByTestId('last-error'), 2_000).toHaveAttribute('data-code', 'offline');
      expect(await inViewport(phone, 'last-error')).toBe(true);
      await e2e.screenshot(phone, 'offline-phone');
    });

    for (const p of [moderator, phone]) await pw(p.getByTestId('connection-status'), 15_000).toHaveAttribute('data-status', 'connected');
    for (const p of [moderator, phone]) {
      await pw(p.getByTestId('offline-banner')).toHaveCount(0);
      await pw(p.getByTestId('last-error')).toHaveCount(0);
    }
    // Nothing was applied late: nobody got the floor, the request is still there.
    const mod: PlenaryClient = await connectClient(srv.url, srv.tokens.moderator);
    await new Promise((r) => setTimeout(r, 500));
    expect(mod.state!.queue.current).toBeNull();
    expect(entriesOf(mod.state, pid)).toHaveLength(1);
    // And the console works again.
    await moderator.locator('body').click();
    await moderator.keyboard.press('n');
    await waitFor(() => mod.state!.queue.current?.participantId === pid, 5_000, 'next speaker after the restart');
    expect(await moderator.getByTestId('last-error').count()).toBe(0);
    mod.close();
  });
});
