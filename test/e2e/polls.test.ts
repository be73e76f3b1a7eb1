/**
 * Polls as people use them, in headless Chromium against the built client and the real server: the
 * moderator drafts and opens a poll and puts it on the projector; two participants vote — one in
 * Arabic, right-to-left — and the projector's chart follows live; closing shows on every page.
 */
import { describe, expect, it } from 'vitest';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();

describe('polls e2e', () => {
  it('moderator creates and opens a poll, two participants vote (one in Arabic), the projector shows the chart', async () => {
    const srv = e2e.server;
    const mod = await e2e.open(meetingPage(srv, 'moderator', srv.tokens.moderator));
    const kwame = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[4]!)); // technical community, en
    const layla = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[0]!)); // government, ar
    const proj = await e2e.open(meetingPage(srv, 'projector', srv.tokens.projector));

    // Draft a single-choice poll with three options.
    const admin = mod.getByTestId('poll-admin');
    await admin.getByTestId('poll-new').click();
    await admin.getByTestId('poll-question-input').fill('Which format for the WSIS Forum 2021?');
    await admin.getByTestId('poll-add-option').click();
    const options = admin.getByTestId('poll-option-input');
    await options.nth(0).fill('Fully virtual');
    await options.nth(1).fill('Hybrid');
    await options.nth(2).fill('In person in Geneva');
    await admin.getByTestId('poll-save').click();
    const poll = admin.getByTestId('admin-poll').first();
    await pw(poll).toHaveAttribute('data-status', 'draft');
    // Participants do not see drafts.
    await pw(kwame.getByTestId('poll')).toHaveCount(0);

    await poll.getByTestId('poll-open').click();
    await pw(poll).toHaveAttribute('data-status', 'open');
    await poll.getByTestId('poll-show').click();
    await pw(proj.getByTestId('projector-poll-question')).toHaveText('Which format for the WSIS Forum 2021?');
    await pw(proj.getByTestId('projector-poll')).toHaveAttribute('data-status', 'open');

    // Kwame votes "Hybrid".
    const kPoll = kwame.getByTestId('poll').first();
    await pw(kPoll.getByTestId('poll-question')).toHaveText('Which format for the WSIS Forum 2021?');
    await kPoll.locator('[data-testid="poll-option"][data-option="o2"]').click();
    await kPoll.getByTestId('poll-submit').click();
    await pw(kPoll.getByTestId('poll-recorded')).toContainText('Your vote was recorded.');
    await pw(kPoll.getByTestId('poll-recorded')).toContainText('Hybrid');

    // Layla's page is Arabic and right-to-left; she votes "In person in Geneva".
    await pw(layla.locator('html')).toHaveAttribute('dir', 'rtl');
    const lPoll = layla.getByTestId('poll').first();
    await pw(lPoll.getByTestId('poll-submit')).toHaveText('صوِّت');
    await lPoll.locator('[data-testid="poll-option"][data-option="o3"]').click();
    await lPoll.getByTestId('poll-submit').click();
    await pw(lPoll.getByTestId('poll-recorded')).toContainText('تم تسجيل صوتك.');

    // The projector's chart shows both votes (live results), with bars and numbers.
    const chart = proj.getByTestId('results-chart');
    await pw(chart.locator('[data-option="o2"] [data-testid="result-count"]')).toHaveText('1');
    await pw(chart.locator('[data-option="o3"] [data-testid="result-count"]')).toHaveText('1');
    await pw(chart.locator('[data-option="o1"] [data-testid="result-count"]')).toHaveText('0');
    await pw(chart.locator('[data-option="o2"] [data-testid="result-percent"]')).toHaveText('50%');
    await pw(chart.getByTestId('turnout')).toContainText('Voted: 2 of');
    const fillWidth = await chart
      .locator('[data-option="o2"] .results__fill')
      .evaluate((el) => (el as HTMLElement).getBoundingClientRect().width / (el.parentElement as HTMLElement).getBoundingClientRect().width);
    expect(fillWidth).toBeGreaterThan(0.3);

    // Kwame changes his vote: the last vote counts, the chart follows without a reload.
    await kPoll.getByTestId('poll-change').click();
    await kPoll.locator('[data-testid="poll-option"][data-option="o1"]').click();
    await kPoll.getByTestId('poll-submit').click();
    await pw(chart.locator('[data-option="o1"] [data-testid="result-count"]')).toHaveText('1');
    await pw(chart.locator('[data-option="o2"] [data-testid="result-count"]')).toHaveText('0');

    // The moderator sees who voted what (named poll), then closes; every page follows.
    await pw(mod.getByTestId('named-vote')).toHaveCount(2);
    await poll.getByTestId('poll-close').click();
    await pw(proj.getByTestId('projector-poll')).toHaveAttribute('data-status', 'closed');
    await pw(layla.getByTestId('poll').first()).toHaveAttribute('data-status', 'closed');
    await e2e.screenshot(proj, 'polls-projector');
    await e2e.screenshot(layla, 'polls-participant-ar');
    expect(e2e.pageErrors).toEqual([]);
  });
});
