/**
 * The speaking queue as people use it: a moderator, two participants (one reading Arabic, right to
 * left) and a projector, each in its own browser context. Request the floor, give it with the
 * keyboard, watch the countdown on the projector, end the turn; the next speaker hands the floor back;
 * on a phone, the bar at the bottom of the screen asks for the floor.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { connectClient } from '../helpers/server.js';
import { meetingPage, useE2E } from './harness.js';

const e2e = useE2E();

describe('speaking queue in the browser', () => {
  it('request, give the floor, countdown on the projector, end the turn', async () => {
    const srv = e2e.server;
    const [arToken, esToken] = srv.tokens.participants;
    const moderator = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
    // Layla Haddad (government, Egypt) prefers Arabic: her page follows her profile.
    const layla = await e2e.open(meetingPage(srv, 'participant', arToken!));
    // María Fernanda Ríos (civil society) reads the page in English here.
    const maria = await e2e.open(`${meetingPage(srv, 'participant', esToken!)}&lang=en`);
    const projector = await e2e.open(meetingPage(srv, 'projector', srv.tokens.projector));

    const panel = (p: Page) => p.getByTestId('queue-panel');
    await panel(layla).waitFor();
    expect(await layla.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await layla.evaluate(() => document.documentElement.lang)).toBe('ar');

    // Both ask for the floor; Layla first, with a note.
    await panel(layla).getByTestId('request-note').fill('باسم المجموعة الأفريقية');
    await panel(layla).getByTestId('request-floor').click();
    await expect.poll(() => panel(layla).getByTestId('my-position').textContent()).toBe('الترتيب: رقم 1');
    await panel(maria).getByTestId('request-floor').click();
    await expect.poll(() => panel(maria).getByTestId('my-position').textContent()).toBe('2nd in line');

    // The moderator sees both, with the reason for their order, and the projector the next speakers.
    const console_ = moderator.getByTestId('queue-console');
    await expect.poll(() => console_.getByTestId('queue-entry').count()).toBe(2);
    expect(await console_.getByTestId('entry-reason').first().getAttribute('data-reason')).toBe('fcfs');
    await expect.poll(() => projector.getByTestId('projector-next-speaker').count()).toBe(2);

    // N gives the floor to the next speaker (not while typing in a field).
    await moderator.locator('body').click();
    await moderator.keyboard.press('n');
    await layla.getByTestId('you-have-the-floor').waitFor();
    await expect.poll(() => layla.getByTestId('queue-announcer').textContent()).toBe('الكلمة لك الآن.');

    // The projector shows who speaks, with a large running countdown.
    const countdown = projector.getByTestId('projector-queue').getByTestId('countdown');
    await countdown.waitFor();
    expect(await projector.getByTestId('projector-queue').getByTestId('speaker-name').textContent()).toContain('Layla Haddad');
    expect(await countdown.getAttribute('data-phase')).toBe('normal');
    const first = await countdown.getByTestId('countdown-time').textContent();
    expect(first).toMatch(/^[23]:\d\d$/);
    await expect.poll(() => countdown.getByTestId('countdown-time').textContent(), { timeout: 5_000 }).not.toBe(first);
    const size = await countdown.getByTestId('countdown-time').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThan(60);
    await expect.poll(() => projector.getByTestId('projector-next-speaker').count()).toBe(1);
    // The QR code people in the hall scan to join.
    const joinUrl = new URL((await projector.getByTestId('join-qr').getAttribute('data-url'))!);
    expect(joinUrl.pathname + joinUrl.search).toMatch(/^\/join\?t=.+&room=1$/);
    // Whoever scans it is in the hall: the join form says so already.
    const newcomer = await e2e.open(joinUrl.pathname + joinUrl.search);
    await newcomer.getByTestId('join-form').waitFor();
    expect(await newcomer.getByTestId('profile-in-room').isChecked()).toBe(true);
    await newcomer.context().close();
    // The link is a recorded invite: when a moderator revokes it, the projector shows a new one.
    const mod = await connectClient(srv.url, srv.tokens.moderator);
    try {
      const link = Object.values(mod.state!.invites).find((i) => i.label === 'projector QR' && i.revokedAt === null)!;
      expect((await mod.send({ type: 'invite:revoke', inviteId: link.id })).ok).toBe(true);
      await expect.poll(() => projector.getByTestId('join-qr').getAttribute('data-url'), { timeout: 5_000 }).not.toBe(joinUrl.href);
    } finally {
      mod.close();
    }

    // María moved up; the moderator ends the turn with the button.
    await expect.poll(() => panel(maria).getByTestId('my-position').textContent()).toBe('1st in line');
    await console_.getByTestId('end-turn').click();
    await projector.getByTestId('projector-queue').getByTestId('no-speaker').waitFor();
    await expect.poll(() => layla.getByTestId('queue-announcer').textContent()).toBe('انتهت مداخلتك.');
    // The turn is in the statistics.
    await expect.poll(() => console_.locator('[data-testid="stats-groups"] tr[data-group="government"] td').first().textContent()).toBe('1');

    // María gets the floor; without audio joined, her queue panel lets her hand it back herself.
    await moderator.locator('body').click();
    await moderator.keyboard.press('n');
    await panel(maria).getByTestId('queue-hand-back').waitFor();
    expect(await panel(layla).getByTestId('queue-hand-back').count()).toBe(0);
    await panel(maria).getByTestId('queue-hand-back').click();
    await projector.getByTestId('projector-queue').getByTestId('no-speaker').waitFor();
    await expect.poll(() => panel(maria).getByTestId('queue-hand-back').count()).toBe(0);
    // The hand-back is María's own: the moderator's undo offers their "next", and refuses it now
    // (undoing it would take the floor back from under her hand-back) without changing anything.
    await expect.poll(() => console_.getByTestId('undo').textContent()).toContain('giving the floor');
    await expect.poll(() => console_.getByTestId('undo-blocked').textContent()).toContain('can no longer be undone');
    await console_.getByTestId('undo').click();
    await expect.poll(() => moderator.getByTestId('last-error').getAttribute('data-code')).toBe('queue.undo_conflict');
    await projector.getByTestId('projector-queue').getByTestId('no-speaker').waitFor();

    // The console's download link gives the record of both turns (the moderator's own token).
    const csvHref = await console_.getByTestId('speakers-csv').getAttribute('href');
    const csv = await moderator.request.get(new URL(csvHref!, moderator.url()).toString());
    expect(csv.status()).toBe(200);
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows).toHaveLength(3); // header + Layla's turn + María's turn
    expect(rows[1]).toContain('Layla Haddad');

    await e2e.screenshot(projector, 'queue-projector');
    await e2e.screenshot(layla, 'queue-participant-ar');
    expect(e2e.pageErrors).toEqual([]);
  });

  it('on a phone, the bar at the bottom of the screen asks for the floor and withdraws', async () => {
    const srv = e2e.server;
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
    const kwame = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!), { contextOptions: phone });
    const bar = kwame.getByTestId('queue-quick');
    await bar.getByTestId('queue-quick-request').click();
    await expect.poll(() => bar.getByTestId('queue-quick-position').textContent()).toBe('1st in line');
    // Within reach: the bar's bottom edge is the screen's, whatever the scroll position.
    const box = await bar.boundingBox();
    expect(Math.round(box!.y + box!.height)).toBe(844);
    await bar.getByTestId('queue-quick-withdraw').click();
    await bar.getByTestId('queue-quick-request').waitFor();
    expect(e2e.pageErrors).toEqual([]);
  });
});
