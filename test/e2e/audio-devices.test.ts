/**
 * Device choice on the room bridge, end to end in real headless Chromium with fake media devices
 * (`--use-fake-device-for-media-stream` lists "Fake Default Audio Input", "Fake Audio Input 1/2" and
 * "Fake Audio Output 1/2" and lets setSinkId route to each) against the real server and mediasoup:
 *  - the audio desk picks an input while the hall microphone is producing: the server keeps the SAME
 *    producer (replaceTrack, no re-join) and a remote listener keeps receiving its packets;
 *  - it picks an output: the <audio> elements playing the meeting (added later too) use that sink;
 *  - both choices survive a reload;
 *  - the chosen input disappearing (simulated: enumerateDevices stops listing it, then a
 *    `devicechange` event — a fake device cannot be unplugged) falls back to the default with a
 *    notice, still the same producer, and comes back when it is listed again; blank labels read
 *    "Microphone n".
 * Sound reaching a real loudspeaker cannot be observed headless; `HTMLMediaElement.sinkId` is.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { AudioSnapshot, ReceiveStats } from '../../client/lib/audio.js';
import { audioServiceOf } from '../../server/audio/extension.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { DIST, RESULTS, ensureClientBuilt, expectLocator as pw, launchFakeMediaChromium, meetingPage } from './harness.js';

let srv: TestServer;
let browser: Browser;
let mod: PlenaryClient;

beforeAll(async () => {
  ensureClientBuilt();
  srv = await startTestServer({ env: { CLIENT_DIR: DIST, MEDIASOUP_WORKERS: '1', RATE_LIMIT_BURST: '200', RATE_LIMIT_PER_SEC: '100' } });
  browser = await launchFakeMediaChromium();
  mod = await connectClient(srv.url, srv.tokens.moderator);
}, 120_000);

afterAll(async () => {
  mod?.close();
  await browser?.close().catch(() => undefined);
  await srv?.stop();
});

const newContext = () => browser.newContext({ baseURL: srv.url, permissions: ['microphone'], viewport: { width: 1280, height: 900 } });

async function listenOn(page: Page): Promise<void> {
  await page.getByTestId('audio-listen-button').click();
  await pw(page.locator('[data-testid="audio-listen"][data-state="on"]'), 15_000).toHaveCount(1);
}

async function openListening(ctx: BrowserContext, role: 'participant' | 'room', token: string): Promise<Page> {
  const page = await ctx.newPage();
  await page.goto(meetingPage(srv, role, token));
  await listenOn(page);
  return page;
}

type Hook = { stats: () => Promise<ReceiveStats[]>; snapshot: () => AudioSnapshot };
const snapshot = (page: Page) => page.evaluate(() => (window as unknown as { __plenaryAudio: Hook }).__plenaryAudio.snapshot());
const packetsFrom = async (page: Page, producerId: string) =>
  (await page.evaluate(() => (window as unknown as { __plenaryAudio: Hook }).__plenaryAudio.stats())).find((s) => s.producerId === producerId)?.packetsReceived ?? 0;
const inputInUse = async (page: Page) => (await snapshot(page)).input?.deviceId ?? null;

const room = () => audioServiceOf(srv.app).existing(srv.meetingId)!;
const bridgeProducer = () => room().describe().peers.find((p) => p.role === 'room')?.producer ?? null;

/** The value of the option of a select whose text is `label`. */
const optionValue = (page: Page, select: string, label: string) =>
  page.getByTestId(select).locator('option', { hasText: label }).getAttribute('value').then((v) => v ?? '');

/** Packets from `producerId` at `page` grow by more than `min` within `ms`. */
async function keepsReceiving(page: Page, producerId: string, ms = 2000, min = 10): Promise<number> {
  const before = await packetsFrom(page, producerId);
  await new Promise((r) => setTimeout(r, ms));
  const gained = (await packetsFrom(page, producerId)) - before;
  expect(gained).toBeGreaterThan(min);
  return gained;
}

describe('room bridge device choice in real Chromium', () => {
  it('switches input live on the same producer, routes output, remembers both, falls back when a device goes', async () => {
    const listenerCtx = await newContext();
    const listener = await openListening(listenerCtx, 'participant', srv.tokens.participants[0]!);
    const bridgeCtx = await newContext();
    const bridge = await openListening(bridgeCtx, 'room', srv.tokens.room);

    // Hall microphone live between turns; the remote listener receives it.
    const p1 = await waitFor(() => bridgeProducer(), 10_000, 'bridge producer');
    await waitFor(async () => (await packetsFrom(listener, p1.id)) > 0, 10_000, 'listener receives the hall');
    await waitFor(async () => (await inputInUse(bridge)) === 'default', 5_000, 'bridge on the default input');

    // The desk picks "Fake Audio Input 1" while producing: same producer on the server, new track in the browser.
    const input1 = await optionValue(bridge, 'audio-input-select', 'Fake Audio Input 1');
    expect(input1).not.toBe('');
    await bridge.getByTestId('audio-input-select').selectOption(input1);
    await waitFor(async () => (await inputInUse(bridge)) === input1, 5_000, 'input switched');
    expect(bridgeProducer()?.id).toBe(p1.id);
    expect((await snapshot(bridge)).listen).toBe('on');
    const afterSwitch = await keepsReceiving(listener, p1.id);
    expect(await bridge.evaluate(() => localStorage.getItem('plenary.audio.room.input'))).toBe(input1);

    // Output: pick "Fake Audio Output 2"; then a remote speaker is heard at the bridge through it
    // (a media element added after the pick gets the sink too).
    const output2 = await optionValue(bridge, 'audio-output-select', 'Fake Audio Output 2');
    expect(output2).not.toBe('');
    await bridge.getByTestId('audio-output-select').selectOption(output2);
    const speakerId = srv.participantIds[0]!;
    expect((await mod.send({ type: 'queue:add', speaker: { participantId: speakerId } })).ok).toBe(true);
    const entry = await waitFor(() => Object.values(mod.state!.queue.lists).flatMap((l) => l.entries).find((e) => e.participantId === speakerId));
    expect((await mod.send({ type: 'queue:give', entryId: entry.id })).ok).toBe(true);
    const speakerProducer = await waitFor(() => room().describe().peers.find((p) => p.participantId === speakerId)?.producer, 10_000, 'speaker producer');
    await waitFor(async () => (await packetsFrom(bridge, speakerProducer.id)) > 0, 10_000, 'bridge hears the speaker');
    const sinks = await bridge.evaluate(() => Array.from(document.querySelectorAll<HTMLAudioElement>('audio[data-plenary-audio]'), (a) => a.sinkId));
    expect(sinks.length).toBeGreaterThan(0);
    expect(new Set(sinks)).toEqual(new Set([output2]));
    expect((await mod.send({ type: 'queue:end' })).ok).toBe(true);
    await waitFor(() => bridgeProducer()?.paused === false, 5_000, 'hall live again');

    // Reload: the choice is re-applied (selects and the opened microphone).
    await bridge.reload();
    await pw(bridge.getByTestId('audio-listen-button')).toHaveCount(1);
    await listenOn(bridge);
    await waitFor(async () => (await inputInUse(bridge)) === input1, 10_000, 'remembered input in use after reload');
    expect(await bridge.getByTestId('audio-input-select').inputValue()).toBe(input1);
    expect(await bridge.getByTestId('audio-output-select').inputValue()).toBe(output2);
    const p2 = await waitFor(() => bridgeProducer(), 10_000, 'bridge producer after reload');
    await waitFor(async () => (await packetsFrom(listener, p2.id)) > 0, 10_000, 'listener hears the reloaded bridge');

    // The chosen input disappears (and labels go blank, as before a permission): default + notice, same producer.
    await bridge.evaluate((gone) => {
      const md = navigator.mediaDevices;
      const real = md.enumerateDevices.bind(md);
      (window as unknown as { __realEnumerate: typeof real }).__realEnumerate = real;
      md.enumerateDevices = async () =>
        (await real()).filter((d) => d.deviceId !== gone).map((d) => ({ kind: d.kind, deviceId: d.deviceId, groupId: d.groupId, label: '', toJSON: () => ({}) }) as MediaDeviceInfo);
      md.dispatchEvent(new Event('devicechange'));
    }, input1);
    await pw(bridge.locator('[data-testid="audio-device-notice"][data-kind="input"]')).toHaveCount(1);
    await waitFor(async () => (await inputInUse(bridge)) === 'default', 5_000, 'fell back to the default input');
    expect(await bridge.getByTestId('audio-input-select').inputValue()).toBe('');
    expect(await bridge.getByTestId('audio-input-select').locator('option').allTextContents()).toEqual(['System default', 'Microphone 1']);
    expect(bridgeProducer()?.id).toBe(p2.id);
    mkdirSync(RESULTS, { recursive: true });
    await bridge.getByTestId('audio-panel').screenshot({ path: join(RESULTS, 'audio-devices-fallback.png') });
    await keepsReceiving(listener, p2.id);

    // It is back: used again, notice gone, still the same producer.
    await bridge.evaluate(() => {
      const md = navigator.mediaDevices;
      md.enumerateDevices = (window as unknown as { __realEnumerate: typeof md.enumerateDevices }).__realEnumerate;
      md.dispatchEvent(new Event('devicechange'));
    });
    await waitFor(async () => (await inputInUse(bridge)) === input1, 5_000, 'back on the chosen input');
    await pw(bridge.getByTestId('audio-device-notice')).toHaveCount(0);
    expect(bridgeProducer()?.id).toBe(p2.id);
    console.log('audio devices e2e', JSON.stringify({ packetsIn2sAfterSwitch: afterSwitch, chromium: browser.version() }));
    await Promise.all([listenerCtx.close(), bridgeCtx.close()]);
  }, 60_000);

  it('a participant picks a microphone in the pre-join test; it is used when they get the floor and can be switched there', async () => {
    const ctx = await newContext();
    const join = await ctx.newPage();
    await join.goto(`/join?t=${encodeURIComponent(srv.tokens.invite)}`);
    await join.getByTestId('audio-mic-test-start').click();
    await pw(join.locator('[data-testid="audio-mic-test"][data-state="ok"]')).toHaveCount(1);
    const input2 = await optionValue(join, 'audio-input-select', 'Fake Audio Input 2');
    await join.getByTestId('audio-input-select').selectOption(input2);
    await pw(join.locator('[data-testid="audio-mic-test"][data-state="ok"]')).toHaveCount(1);
    expect(await join.evaluate(() => localStorage.getItem('plenary.audio.person.input'))).toBe(input2);
    await join.close();

    // Same browser, their meeting page: given the floor, the microphone opened is the one they picked.
    const speakerId = srv.participantIds[1]!;
    const page = await openListening(ctx, 'participant', srv.tokens.participants[1]!);
    expect((await mod.send({ type: 'queue:add', speaker: { participantId: speakerId } })).ok).toBe(true);
    const entry = await waitFor(() => Object.values(mod.state!.queue.lists).flatMap((l) => l.entries).find((e) => e.participantId === speakerId));
    expect((await mod.send({ type: 'queue:give', entryId: entry.id })).ok).toBe(true);
    await pw(page.locator('[data-testid="audio-floor-mic"][data-state="live"]')).toHaveCount(1);
    await waitFor(async () => (await inputInUse(page)) === input2, 10_000, 'picked microphone in use');
    const producer = await waitFor(() => room().describe().peers.find((p) => p.participantId === speakerId)?.producer, 10_000, 'speaker producer');

    // Switched from the "You have the floor" panel while speaking: same producer.
    await page.locator('[data-testid="audio-floor-mic"] summary').click();
    const input1 = await optionValue(page, 'audio-input-select', 'Fake Audio Input 1');
    await page.getByTestId('audio-input-select').selectOption(input1);
    await waitFor(async () => (await inputInUse(page)) === input1, 5_000, 'switched while speaking');
    expect(room().describe().peers.find((p) => p.participantId === speakerId)?.producer?.id).toBe(producer.id);
    expect((await mod.send({ type: 'queue:end' })).ok).toBe(true);
    await ctx.close();
  }, 40_000);
});
