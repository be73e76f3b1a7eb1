/**
 * Knowing where you are: the join form names the meeting and its date (in the meeting's zone and
 * the newcomer's own), and the page has one language — the header's picker and the profile's
 * preferred language are the same setting, whichever one the person changes.
 */
import { describe, expect, it } from 'vitest';
import { expectLocator as pw, meetingPage, useE2E } from './harness.js';

const e2e = useE2E();

describe('join form and language', () => {
  it('the join form names the meeting, its kind and its date', async () => {
    const srv = e2e.server;
    const info = (await srv.service.get(srv.meetingId)).info;
    const page = await e2e.open(`/join?t=${encodeURIComponent(srv.tokens.invite)}`);
    const box = page.getByTestId('join-meeting');
    await pw(page.getByTestId('join-meeting-title')).toHaveText(info.title);
    await pw(box).toContainText('Hybrid meeting');
    // 29 January 2021, 14:00–15:30 in Geneva (CET); the viewer (New York) also gets their own time.
    await pw(page.getByTestId('join-meeting-time')).toContainText('29 January 2021');
    await pw(page.getByTestId('join-meeting-time')).toContainText('CET, Europe/Zurich');
    await pw(page.getByTestId('join-meeting-yourtime')).toContainText('America/New_York');
    // In Arabic too, right to left.
    await page.getByTestId('language-picker').selectOption('ar');
    await pw(page.getByTestId('join-meeting')).toContainText('اجتماع هجين');
    // The header's language is the preferred language the form will register, and the other way round.
    await pw(page.getByTestId('profile-language')).toHaveValue('ar');
    await page.getByTestId('profile-language').selectOption('zh');
    await pw(page.locator('html')).toHaveAttribute('lang', 'zh');
    await pw(page.getByTestId('language-picker')).toHaveValue('zh');
    await page.getByTestId('language-picker').selectOption('ar');
    await pw(page.getByTestId('profile-language')).toHaveValue('ar');
    await e2e.screenshot(page, 'join-meeting-ar');
  });

  it('the header language and the profile language are one setting', async () => {
    const srv = e2e.server;
    const participantId = srv.participantIds[1]!;
    const language = async () => (await srv.service.get(srv.meetingId)).participants[participantId]!.language;
    const page = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[1]!));
    await page.getByTestId('profile').waitFor();
    const start = await language();
    await pw(page.locator('html')).toHaveAttribute('lang', start);
    await pw(page.getByTestId('profile-language')).toHaveValue(start);

    // The header picker changes the profile's preferred language (and the form shows it).
    await page.getByTestId('language-picker').selectOption('fr');
    await pw(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect.poll(language).toBe('fr');
    await pw(page.getByTestId('profile-language')).toHaveValue('fr');

    // The profile form changes the header's language.
    await page.getByTestId('profile-language').selectOption('ru');
    await page.getByTestId('profile-save').click();
    await expect.poll(language).toBe('ru');
    await pw(page.locator('html')).toHaveAttribute('lang', 'ru');
    await pw(page.getByTestId('language-picker')).toHaveValue('ru');

    // Another device that once chose Spanish: on this person's page the profile's language wins,
    // and a change made elsewhere follows live.
    const ctx = await e2e.context();
    await ctx.addInitScript(() => localStorage.setItem('plenary:locale', 'es'));
    const other = await e2e.open(meetingPage(srv, 'participant', srv.tokens.participants[1]!), { context: ctx });
    await other.getByTestId('profile').waitFor();
    await pw(other.locator('html')).toHaveAttribute('lang', 'ru');
    await pw(other.getByTestId('language-picker')).toHaveValue('ru');
    await page.getByTestId('language-picker').selectOption('zh');
    await pw(other.locator('html')).toHaveAttribute('lang', 'zh');
    await pw(other.getByTestId('profile-language')).toHaveValue('zh');
  });
});
