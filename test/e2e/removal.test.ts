/**
 * Zoom-bombing in the browser: the moderator removes a disruptive participant (their open page
 * turns into a plain, translated message; the console lists them as removed; restore lets them back)
 * and revokes a leaked invitation link (opening it says so at once, before any form).
 */
import { describe, expect, it } from 'vitest';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();
/** Chromium reports a refused fetch (HTTP 401 from /api/invites/check) as a console error: expected here. */
const unexpectedErrors = () => e2e.pageErrors.filter((m) => !m.includes('status of 401'));

describe('removing a participant and revoking a link', () => {
  it('the removed participant sees why instead of a broken page; the moderator can restore them', async () => {
    const srv = e2e.server;
    const kwameId = srv.participantIds[4]!; // technical community, English
    const mod = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
    const part = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!));
    await pw(part.getByTestId('participant-page')).toBeVisible();

    await mod.getByTestId('participants-fold').locator('summary').first().click();
    const row = mod.getByTestId('participant-admin').locator(`[data-testid="pa-row"][data-id="${kwameId}"]`);
    await row.getByTestId('pa-remove').click();
    // Confirmation first: nothing happens until confirmed.
    await pw(row.getByTestId('pa-remove-form')).toBeVisible();
    await pw(row.getByTestId('pa-remove-reason')).toBeFocused();
    expect((await srv.service.get(srv.meetingId)).participants[kwameId]!.removed).toBeFalsy();
    await row.getByTestId('pa-remove-reason').fill('Shared offensive images');
    await row.getByTestId('pa-remove-confirm').click();

    const notice = part.getByTestId('page-removed');
    await pw(notice).toContainText('You are no longer in this meeting');
    await pw(notice).toContainText('The moderator removed you from this meeting.');
    expect(await part.getByTestId('participant-page').count()).toBe(0);

    await pw(mod.getByTestId('pa-removed-done')).toContainText('was removed from the meeting');
    const removedRow = mod.locator(`[data-testid="pa-removed-row"][data-id="${kwameId}"]`);
    await pw(removedRow.getByTestId('pa-removed-reason')).toContainText('Shared offensive images');
    await pw(row).toHaveCount(0);

    // Coming back with the same link: still refused, with the same message.
    await part.reload();
    await pw(part.getByTestId('page-removed')).toContainText('The moderator removed you from this meeting.');

    // Restored: the same link works again.
    await removedRow.getByTestId('pa-restore').click();
    await pw(mod.getByTestId('pa-restored')).toContainText('may join the meeting again');
    await part.reload();
    await pw(part.getByTestId('participant-page')).toBeVisible();
    expect(unexpectedErrors()).toEqual([]);
  });

  it('a revoked invitation link says so when opened; a link made afterwards works', async () => {
    const srv = e2e.server;
    const mod = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
    const panel = mod.getByTestId('invites');
    await panel.getByTestId('invite-create-participant').click();
    const leakedUrl = await panel.getByTestId('invite-url-participant').inputValue();
    const rows = panel.getByTestId('invites-active-row');
    await pw(rows).toHaveCount(1);
    await pw(rows.first()).toHaveAttribute('data-role', 'participant');
    await pw(rows.first()).toContainText('Valid until');

    await rows.first().getByTestId('invites-revoke').click();
    await rows.first().getByTestId('invites-revoke-confirm').click();
    await pw(panel.getByTestId('invites-revoked')).toHaveText('Link revoked.');
    await pw(rows).toHaveCount(0);

    const stranger = await e2e.open(new URL(leakedUrl).pathname + new URL(leakedUrl).search);
    const error = stranger.getByTestId('join-link-error');
    await pw(error).toHaveAttribute('data-code', 'token_revoked');
    await pw(error).toHaveText('This link has been withdrawn by the moderator. Ask the moderator for a new one.');
    expect(await stranger.getByTestId('join-form').count()).toBe(0);

    // A new link for the same role is unaffected.
    await panel.getByTestId('invite-create-participant').click();
    await pw(rows).toHaveCount(1);
    const freshUrl = await panel.getByTestId('invite-url-participant').inputValue();
    expect(freshUrl).not.toBe(leakedUrl);
    const guest = await e2e.open(new URL(freshUrl).pathname + new URL(freshUrl).search);
    await pw(guest.getByTestId('join-form')).toBeVisible();
    expect(await guest.getByTestId('join-link-error').count()).toBe(0);
    expect(unexpectedErrors()).toEqual([]);
  });
});
