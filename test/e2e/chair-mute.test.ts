/**
 * The chair's mute controls are toggles that show their state: one "Mute the hall" button whose
 * aria-pressed (and the word on it) says whether the hall is muted — not a Mute and an Unmute side
 * by side with no state. Real Chromium with fake microphones, the real server and mediasoup worker:
 * the toggle's state follows what the server did to the room bridge's producer.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioServiceOf } from '../../server/audio/extension.js';
import { startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { DIST, ensureClientBuilt, expectLocator as pw, launchFakeMediaChromium, meetingPage } from './harness.js';

let srv: TestServer;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  srv = await startTestServer({ env: { CLIENT_DIR: DIST, MEDIASOUP_WORKERS: '1' } });
  browser = await launchFakeMediaChromium();
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await srv?.stop();
});

async function openListening(role: 'moderator' | 'room', token: string): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: srv.url, permissions: ['microphone'], viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await page.goto(meetingPage(srv, role, token));
  await page.getByTestId('audio-listen-button').click();
  await pw(page.locator('[data-testid="audio-listen"][data-state="on"]'), 15_000).toHaveCount(1);
  return page;
}

const bridgeProducer = () => audioServiceOf(srv.app).existing(srv.meetingId)?.describe().peers.find((p) => p.role === 'room')?.producer ?? null;

describe('chair mute toggles', () => {
  it('"Mute the hall" is one toggle whose pressed state follows the bridge being muted and unmuted', async () => {
    const moderator = await openListening('moderator', srv.tokens.moderator);
    await openListening('room', srv.tokens.room);
    await waitFor(() => bridgeProducer(), 10_000, 'bridge producer');
    await waitFor(() => bridgeProducer()?.paused === false, 10_000, 'bridge live');

    const toggle = moderator.getByTestId('audio-mute-room');
    await pw(moderator.getByTestId('audio-unmute-room')).toHaveCount(0);
    await pw(toggle).toHaveAttribute('aria-pressed', 'false');
    await pw(moderator.getByTestId('audio-mute-room-state')).toHaveText('Live');

    await toggle.click();
    await pw(toggle).toHaveAttribute('aria-pressed', 'true');
    await pw(moderator.getByTestId('audio-mute-room-state')).toHaveText('Muted');
    await waitFor(() => bridgeProducer()?.paused === true, 5_000, 'bridge muted');
    // The label names the action and stays; the state is in aria-pressed and the word.
    expect(await toggle.textContent()).toContain('Mute the hall');

    await toggle.click();
    await pw(toggle).toHaveAttribute('aria-pressed', 'false');
    await waitFor(() => bridgeProducer()?.paused === false, 5_000, 'bridge live again');
  });
});
