/**
 * Simultaneous interpretation, end to end, in real Chromium with the real server and mediasoup.
 * Two browser processes with different fake microphones: the floor speaker's plays a 440 Hz tone,
 * the French interpreter's a 1,500 Hz tone (Chromium takes one capture file per process). The
 * interpreter joins through an interpreter invite link, hears the floor, goes on air; a listener
 * switches from "Floor (original)" to French and is proven to hear the interpreter and not the floor:
 * inbound-rtp from the interpreter's producer (the one the server holds for that interpreter), no
 * consumer of the floor speaker left, and the dominant frequency of the received signal analysed in
 * the page (WebAudio). Then the booth goes off air (the listener falls back to the floor, with a
 * notice) and comes back (the listener returns); ducking keeps the original underneath, quietly;
 * the choice survives a reload. That listener is served by a router on the second worker (piped).
 * Then two interpreters of one booth hand over in two steps through their consoles, the cough key
 * makes the booth silent (listeners fall back to the floor, and return), and the chair sees the
 * booths, listener counts and a "slow down" signal; axe finds no WCAG 2.1 AA violation on these
 * screens (Arabic included). The room bridge sends a booth to an output device of its own. Last, a
 * booth relays another: its console hears that interpreter, and the floor while the relay is off air.
 * Figures (first packet after switching channel, fallback and return times) are printed and written
 * to test-results/interpretation-e2e.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ProducerInfo } from '../../shared/audio-protocol.js';
import type { Language } from '../../shared/domain/index.js';
import type { ReceiveStats } from '../../client/lib/audio.js';
import type { Spectrum } from '../../client/lib/audio-analyse.js';
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import { audioServiceOf } from '../../server/audio/extension.js';
import { connectClient, startTestServer, waitFor, type TestServer } from '../helpers/server.js';
import { DIST, RESULTS, axeViolations, ensureClientBuilt, expectLocator as pw, launchFakeMediaChromium, meetingPage } from './harness.js';

const FLOOR_HZ = 440;
const BOOTH_HZ = 1500;
/** The analyser's bins are ~11 Hz wide (4096 points at 44.1 or 48 kHz); Opus keeps a pure tone's pitch. */
const HZ_TOLERANCE = 40;

let srv: TestServer;
let floorBrowser: Browser;
let boothBrowser: Browser;
let mod: PlenaryClient;
let tmp: string;

/** A WAV of short beeps at `hz` (a steady tone could be taken for noise by voice processing). */
function toneWav(hz: number): string {
  const file = join(tmp, `tone-${hz}.wav`);
  execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', file,
    'synth', '0.35', 'sine', String(hz), 'gain', '-6', 'fade', '0.01', '0.35', '0.01', 'pad', '0', '0.15', 'repeat', '119']);
  return file;
}

beforeAll(async () => {
  ensureClientBuilt();
  tmp = mkdtempSync(join(tmpdir(), 'plenary-interp-e2e-'));
  // A booth silent for 2 s (instead of 5) falls back to the floor: the cough key below proves it.
  // Two workers with room for two listeners each: the third listener of the meeting (the first
  // test's listener) is served by a router on the second worker, through pipeToRouter.
  srv = await startTestServer({
    env: {
      CLIENT_DIR: DIST, MEDIASOUP_WORKERS: '2', AUDIO_CONSUMERS_PER_WORKER: '2',
      RATE_LIMIT_BURST: '200', RATE_LIMIT_PER_SEC: '100', AUDIO_BOOTH_SILENCE_MS: '2000',
    },
  });
  floorBrowser = await launchFakeMediaChromium([`--use-file-for-fake-audio-capture=${toneWav(FLOOR_HZ)}`]);
  boothBrowser = await launchFakeMediaChromium([`--use-file-for-fake-audio-capture=${toneWav(BOOTH_HZ)}`]);
  mod = await connectClient(srv.url, srv.tokens.moderator);
});

afterEach(async (ctx) => {
  // A failing test's pages are photographed for the report, then every page of the test is closed.
  const pages = [floorBrowser, boothBrowser].flatMap((b) => b?.contexts().flatMap((c) => c.pages()) ?? []);
  if (ctx.task.result?.state === 'fail') {
    mkdirSync(RESULTS, { recursive: true });
    await Promise.all(pages.map((p, i) => p.screenshot({ path: join(RESULTS, `FAILED-interpretation-${i}.png`), fullPage: true }).catch(() => undefined)));
  }
  await Promise.all([floorBrowser, boothBrowser].flatMap((b) => b?.contexts().map((c) => c.close().catch(() => undefined)) ?? []));
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  await floorBrowser?.close().catch(() => undefined);
  await boothBrowser?.close().catch(() => undefined);
  await srv?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

/** Uncaught errors of every page opened, with the page's address: a test fails if any appears. */
const pageErrors: string[] = [];

async function newPage(browser: Browser, path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const ctx = await browser.newContext({ baseURL: srv.url, permissions: ['microphone'], viewport });
  ctx.setDefaultTimeout(15_000);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: ${e.message}`));
  await page.goto(path);
  return page;
}

async function listen(page: Page): Promise<void> {
  await page.getByTestId('audio-listen-button').click();
  await pw(page.locator('[data-testid="audio-listen"][data-state="on"]'), 15_000).toHaveCount(1);
}

type Hook = {
  stats: () => Promise<ReceiveStats[]>;
  heard: () => ProducerInfo[];
  spectrum: (producerId: string, ms?: number) => Promise<Spectrum | null>;
};
const stats = (p: Page) => p.evaluate(() => (window as unknown as { __plenaryAudio: Hook }).__plenaryAudio.stats());
const heard = (p: Page) => p.evaluate(() => (window as unknown as { __plenaryAudio: Hook }).__plenaryAudio.heard());
const spectrum = (p: Page, producerId: string, ms = 1500) =>
  p.evaluate(([id, t]) => (window as unknown as { __plenaryAudio: Hook }).__plenaryAudio.spectrum(id as string, t as number), [producerId, ms] as const);
const statsOf = async (p: Page, producerId: string) => (await stats(p)).find((s) => s.producerId === producerId) ?? null;
/** Waits until `page` receives packets from `producerId`; resolves with the ms it took from `t0`. */
async function firstPacket(p: Page, producerId: string, t0: number, what: string): Promise<number> {
  await waitFor(async () => ((await statsOf(p, producerId))?.packetsReceived ?? 0) > 0, 15_000, what);
  return Date.now() - t0;
}

/** A fresh interpreter link for a booth (path to open in the browser). */
async function interpreterLink(booth: Language): Promise<string> {
  const invite = await mod.createInvite({ role: 'interpreter', booth });
  if (!invite.ok) throw new Error(invite.error.message);
  return invite.data.path;
}

/** An interpreter joins through the link (in the booth's browser: 1,500 Hz) and connects the console. */
async function joinAsInterpreter(link: string, name: string, language: Language): Promise<{ page: Page; id: string }> {
  const page = await newPage(boothBrowser, link);
  await page.getByTestId('profile-name').fill(name);
  await page.getByTestId('profile-group').selectOption({ index: 1 });
  await page.getByTestId('profile-language').selectOption(language);
  await page.getByTestId('join-submit').click();
  await pw(page.getByTestId('interpreter-page'), 15_000).toBeVisible();
  await page.getByTestId('booth-connect').click();
  await pw(page.locator('[data-testid="audio-listen"][data-state="on"]'), 15_000).toHaveCount(1);
  const id = await waitFor(() => Object.values(mod.state!.participants).find((p) => p.role === 'interpreter' && p.name === name)?.id);
  return { page, id };
}

const room = () => audioServiceOf(srv.app).existing(srv.meetingId)!;
const serverProducerOf = (participantId: string) => room().describe().peers.find((p) => p.participantId === participantId)?.producer ?? null;
const near = (hz: number, target: number) => Math.abs(hz - target) <= HZ_TOLERANCE;

describe('interpretation in real Chromium', () => {
  it('a listener who switches to a booth hears the interpreter, not the floor; falls back and returns; ducking keeps the original underneath', async () => {
    // ---- The interpreter joins through their invite link (French booth) and connects the booth.
    const invite = await mod.createInvite({ role: 'interpreter', booth: 'fr', label: 'French booth' });
    expect(invite.ok).toBe(true);
    if (!invite.ok) return;
    const interp = await newPage(boothBrowser, invite.data.path);
    await pw(interp.getByTestId('join-as-interpreter')).toBeVisible();
    await interp.getByTestId('profile-name').fill('Camille Dubois');
    await interp.getByTestId('profile-group').selectOption({ index: 1 });
    await interp.getByTestId('profile-language').selectOption('fr');
    await interp.getByTestId('join-submit').click();
    await pw(interp.locator('[data-testid="interpreter-page"][data-booth="fr"]'), 15_000).toHaveCount(1);
    await interp.getByTestId('booth-connect').click();
    await pw(interp.locator('[data-testid="audio-listen"][data-state="on"]'), 15_000).toHaveCount(1);
    await pw(interp.locator('[data-testid="booth-on-air"][data-state="nobody"]')).toHaveCount(1);
    const interpId = await waitFor(
      () => Object.values(mod.state!.participants).find((p) => p.role === 'interpreter' && p.booth === 'fr')?.id, 10_000, 'interpreter registered');

    // ---- The floor speaker asks for the floor in English (the form's new "I will speak in"), and gets it.
    const speakerId = srv.participantIds[0]!;
    const speaker = await newPage(floorBrowser, meetingPage(srv, 'participant', srv.tokens.participants[0]!));
    await listen(speaker);
    await speaker.getByTestId('request-language').selectOption('en');
    await speaker.getByTestId('request-floor').click();
    const entry = await waitFor(() => Object.values(mod.state!.queue.lists).flatMap((l) => l.entries).find((e) => e.participantId === speakerId));
    expect(entry.language).toBe('en');
    expect((await mod.send({ type: 'queue:give', entryId: entry.id })).ok).toBe(true);
    const floorProducer = await waitFor(() => {
      const p = serverProducerOf(speakerId);
      return p && !p.paused ? p : null;
    }, 15_000, 'floor speaker producer');

    // The interpreter's console: the speaker's declared language and the countdown; they hear the floor.
    await pw(interp.locator('[data-testid="booth-speaker-language"][data-language="en"]')).toHaveCount(1);
    await pw(interp.getByTestId('countdown-time')).toBeVisible();
    await firstPacket(interp, floorProducer.id, Date.now(), 'interpreter hears the floor');
    const interpHears = await spectrum(interp, floorProducer.id);
    expect(near(interpHears!.dominantHz, FLOOR_HZ), `interpreter hears ${JSON.stringify(interpHears)}`).toBe(true);

    // ---- A listener (in the floor speaker's browser process: their own microphone never produces).
    const listener = await newPage(floorBrowser, meetingPage(srv, 'participant', srv.tokens.participants[2]!));
    await listen(listener);
    await firstPacket(listener, floorProducer.id, Date.now(), 'listener hears the floor');
    // Everything this listener hears below comes through a router on the other worker (piped).
    const where = room().describe();
    const listenerWorker = where.peers.find((p) => p.participantId === srv.participantIds[2])?.recvWorkerPid;
    expect(where.routers.length).toBe(2);
    expect(listenerWorker).toBe(where.routers[1]!.workerPid);
    expect(listenerWorker).not.toBe(where.workerPid);
    const onFloor = await spectrum(listener, floorProducer.id);
    expect(near(onFloor!.dominantHz, FLOOR_HZ), `listener on the floor hears ${JSON.stringify(onFloor)}`).toBe(true);

    // ---- The interpreter goes on air: the booth's channel appears in the listener's picker.
    await interp.getByTestId('booth-go-on-air').click();
    await pw(interp.locator('[data-testid="booth-on-air"][data-state="me"]')).toHaveCount(1);
    const boothProducer = await waitFor(() => {
      const p = serverProducerOf(interpId);
      return p && !p.paused ? p : null;
    }, 15_000, 'interpreter producer live');
    await pw(listener.locator('[data-testid="channel-select"] option[value="fr"]')).toHaveCount(1);

    // ---- The listener switches to French: measure until the first packet of the interpreter.
    const tSwitch = Date.now();
    await listener.getByTestId('channel-select').selectOption('fr');
    const switchToFirstPacketMs = await firstPacket(listener, boothProducer.id, tSwitch, 'first packet of the interpreter');
    await pw(listener.locator('[data-testid="channel-picker"][data-playing="fr"]')).toHaveCount(1);
    // The floor's consumer is gone (no ducking): nothing of the floor speaker reaches the listener.
    await waitFor(async () => (await statsOf(listener, floorProducer.id)) === null, 10_000, 'floor consumer closed');
    const received = await heard(listener);
    expect(received.map((p) => [p.producerId, p.channel, p.participantId])).toEqual([[boothProducer.id, 'fr', interpId]]);
    const before = (await statsOf(listener, boothProducer.id))!;
    const onBooth = await spectrum(listener, boothProducer.id, 2000);
    const after = (await statsOf(listener, boothProducer.id))!;
    expect(near(onBooth!.dominantHz, BOOTH_HZ), `listener on French hears ${JSON.stringify(onBooth)}`).toBe(true);
    expect(after.packetsReceived - before.packetsReceived).toBeGreaterThan(40); // ≥ 2 s of 20 ms frames, with pauses (DTX)
    expect(after.totalAudioEnergy).toBeGreaterThan(before.totalAudioEnergy);
    expect(await statsOf(listener, floorProducer.id)).toBeNull();

    // ---- The booth goes off air: the listener falls back to the floor, with a notice.
    const tOff = Date.now();
    await interp.getByTestId('booth-go-off-air').click();
    await pw(listener.getByTestId('channel-fallback'), 10_000).toBeVisible();
    const fallbackToFloorPacketMs = await firstPacket(listener, floorProducer.id, tOff, 'floor again after the booth went off air');
    await pw(listener.locator('[data-testid="channel-picker"][data-playing="floor"]')).toHaveCount(1);
    await expect(listener.getByTestId('channel-select').inputValue()).resolves.toBe('fr'); // the choice is kept
    const duringFallback = await spectrum(listener, floorProducer.id);
    expect(near(duringFallback!.dominantHz, FLOOR_HZ), `fallback hears ${JSON.stringify(duringFallback)}`).toBe(true);
    // Nothing of the booth is received meanwhile (so the return below is timed from a real first packet).
    await waitFor(async () => (await stats(listener)).every((s) => s.producerId === floorProducer.id), 10_000, 'booth consumer closed');

    // ---- Back on air: the listener returns to French by itself.
    const tBack = Date.now();
    await interp.getByTestId('booth-go-on-air').click();
    const boothAgain = await waitFor(() => {
      const p = serverProducerOf(interpId);
      return p && !p.paused ? p : null;
    }, 15_000, 'interpreter producer live again');
    const returnFirstPacketMs = await firstPacket(listener, boothAgain.id, tBack, 'interpreter again after coming back');
    await pw(listener.getByTestId('channel-back')).toBeVisible();
    await pw(listener.locator('[data-testid="channel-picker"][data-playing="fr"]')).toHaveCount(1);
    await pw(listener.getByTestId('channel-fallback')).toHaveCount(0);

    // ---- Ducking: the original comes back underneath, quietly; the interpretation stays on top.
    await listener.getByTestId('channel-ducking').check();
    await firstPacket(listener, floorProducer.id, Date.now(), 'floor underneath (ducking)');
    const volumes = await listener.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLAudioElement>('audio[data-plenary-audio]'), (el) => el.volume).sort());
    expect(volumes).toEqual([0.15, 1]);

    // ---- The choice is remembered in this browser: a reload comes back on French, with ducking.
    await listener.reload();
    await listen(listener);
    await pw(listener.locator('[data-testid="channel-picker"][data-playing="fr"]'), 15_000).toHaveCount(1);
    await expect(listener.getByTestId('channel-ducking').isChecked()).resolves.toBe(true);

    const figures = {
      at: new Date().toISOString(),
      chromium: floorBrowser.version(),
      listenerOnPipedRouter: true,
      switchToFirstPacketMs,
      fallbackToFloorPacketMs,
      returnFirstPacketMs,
      dominantHz: { interpreterHearsFloor: interpHears!.dominantHz, listenerOnFloor: onFloor!.dominantHz, listenerOnFrench: onBooth!.dominantHz, duringFallback: duringFallback!.dominantHz },
      listenerOnFrench: { packetsIn2s: after.packetsReceived - before.packetsReceived, totalAudioEnergy: after.totalAudioEnergy },
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, 'interpretation-e2e.json'), `${JSON.stringify(figures, null, 2)}\n`);
    console.log('interpretation e2e figures', JSON.stringify(figures));
  }, 180_000);

  it('two interpreters of a booth hand over in two steps; the chair sees the booth on air, its listeners and the slow-down signal', async () => {
    const link = await interpreterLink('es');
    // Next in line: someone who will speak Spanish (the chair states it); the booth sees it coming.
    expect((await mod.send({ type: 'queue:add', speaker: { participantId: srv.participantIds[4]! }, language: 'es' })).ok).toBe(true);
    // Both interpreters use the booth's one link, each under their own name, in Spanish and Arabic pages.
    const a = await joinAsInterpreter(link, 'Lucía Fernández', 'es');
    await pw(a.page.locator('[data-testid="entry-language"][data-language="es"]')).toHaveCount(1);
    const b = await joinAsInterpreter(link, 'Amira Haddad', 'ar');
    await pw(a.page.getByTestId('booth-partner')).toContainText('Amira Haddad');
    await pw(b.page.getByTestId('booth-partner')).toContainText('Lucía Fernández');

    // The chair's console, listening (listener counts reach moderators with audio connected).
    const chair = await newPage(floorBrowser, meetingPage(srv, 'moderator', srv.tokens.moderator));
    await listen(chair);
    const esRow = chair.locator('[data-testid="interpretation-booth"][data-language="es"]');
    await pw(esRow).toHaveAttribute('data-on-air', 'off');

    // A goes on air; a listener picks Spanish.
    await a.page.getByTestId('booth-go-on-air').click();
    await pw(a.page.locator('[data-testid="booth-on-air"][data-state="me"]')).toHaveCount(1);
    await pw(b.page.locator('[data-testid="booth-on-air"][data-state="partner"]')).toHaveCount(1);
    await pw(esRow).toHaveAttribute('data-on-air', 'on');
    await pw(esRow).toContainText('Lucía Fernández');
    // This listener is on a phone (the participant page's narrow layout).
    const listener = await newPage(floorBrowser, meetingPage(srv, 'participant', srv.tokens.participants[3]!), { width: 390, height: 844 });
    await listen(listener);
    await pw(listener.locator('[data-testid="channel-select"] option[value="es"]')).toHaveCount(1);
    await listener.getByTestId('channel-select').selectOption('es');
    await pw(listener.locator('[data-testid="channel-picker"][data-playing="es"]')).toHaveCount(1);
    await waitFor(async () => (await heard(listener)).some((p) => p.participantId === a.id && p.channel === 'es'), 10_000, 'listener hears A');
    await pw(esRow, 10_000).toHaveAttribute('data-listeners', '1');

    // B asks to take over; A sees the request and hands over; only B is live afterwards.
    await b.page.getByTestId('booth-go-on-air').click();
    await pw(a.page.locator('[data-testid="booth-handover"][data-kind="askedOfMe"]')).toContainText('Amira Haddad');
    await pw(b.page.locator('[data-testid="booth-handover"][data-kind="iAsked"]')).toBeVisible();
    expect(serverProducerOf(a.id)?.paused).toBe(false); // still A on air until A hands over
    await a.page.getByTestId('booth-hand-over').click();
    await pw(b.page.locator('[data-testid="booth-on-air"][data-state="me"]')).toHaveCount(1);
    await pw(a.page.locator('[data-testid="booth-on-air"][data-state="partner"]')).toHaveCount(1);
    await waitFor(() => serverProducerOf(b.id)?.paused === false && serverProducerOf(a.id)?.paused !== false, 10_000, 'only B live');
    await waitFor(async () => {
      const h = await heard(listener);
      return h.some((p) => p.participantId === b.id) && !h.some((p) => p.participantId === a.id);
    }, 10_000, 'listener hears B, not A');
    const bProducer = serverProducerOf(b.id)!;
    await firstPacket(listener, bProducer.id, Date.now(), 'packets from B');
    await pw(esRow).toContainText('Amira Haddad');

    // The cough key: B mutes while on air (the console says so). Nothing heard from the booth for 2 s:
    // the listener hears the floor, told the booth is silent; B speaks again and the listener is back.
    const tMute = Date.now();
    await b.page.getByTestId('booth-cough').click();
    await pw(b.page.getByTestId('booth-muted')).toBeVisible();
    await waitFor(() => serverProducerOf(b.id)?.paused === true, 10_000, 'B muted on the server');
    await pw(listener.locator('[data-testid="channel-fallback"][data-reason="silent"]'), 10_000).toBeVisible();
    await pw(listener.locator('[data-testid="channel-picker"][data-playing="floor"]')).toHaveCount(1);
    const silentFallbackMs = Date.now() - tMute;
    const tUnmute = Date.now();
    await b.page.getByTestId('booth-cough').click();
    await pw(b.page.getByTestId('booth-muted')).toHaveCount(0);
    await waitFor(() => serverProducerOf(b.id)?.paused === false, 10_000, 'B live again');
    await pw(listener.locator('[data-testid="channel-picker"][data-playing="es"]'), 10_000).toHaveCount(1);
    await pw(listener.getByTestId('channel-fallback')).toHaveCount(0);
    console.log('booth silence figures', JSON.stringify({ muteToFloorMs: silentFallbackMs, unmuteToBoothMs: Date.now() - tUnmute }));

    // B asks the chair to slow the speaker down; the chair sees it and dismisses it.
    await b.page.getByTestId('booth-slow-down').click();
    await pw(b.page.getByTestId('booth-slow-down-sent')).toBeVisible();
    const signal = chair.locator('[data-testid="interpretation-slow-down"][data-language="es"]');
    await pw(signal).toBeVisible();
    await signal.getByTestId('interpretation-slow-down-dismiss').click();
    await pw(signal).toHaveCount(0);

    // The Arabic console mirrors (right to left) and speaks Arabic; the new screens pass axe (WCAG 2.1 AA).
    await pw(b.page.locator('html[dir="rtl"]')).toHaveCount(1);
    await pw(b.page.getByTestId('booth-on-air-status')).toContainText('أنت على الهواء');
    for (const [label, page] of [['console ar', b.page], ['console es', a.page], ['chair', chair], ['phone listener', listener]] as const) {
      expect(await axeViolations(page), label).toEqual([]);
    }
    mkdirSync(RESULTS, { recursive: true });
    await b.page.screenshot({ path: join(RESULTS, 'interpreter-console-ar.png'), fullPage: true });
    await a.page.screenshot({ path: join(RESULTS, 'interpreter-console-es.png'), fullPage: true });
    await chair.screenshot({ path: join(RESULTS, 'moderator-interpretation.png'), fullPage: true });
    await listener.getByTestId('channel-picker').scrollIntoViewIfNeeded();
    await listener.screenshot({ path: join(RESULTS, 'listener-channel-phone.png') });

    // The chair can take a booth off air (a microphone left open); B's console says so.
    await esRow.getByTestId('interpretation-take-off-air').click();
    await pw(esRow).toHaveAttribute('data-on-air', 'off');
    await pw(b.page.locator('[data-testid="booth-on-air"][data-state="nobody"]')).toHaveCount(1);
    await waitFor(() => serverProducerOf(b.id)?.paused !== false, 10_000, 'B held after the chair took the booth off air');
  }, 180_000);

  it('the room bridge sends a booth to its own output device, through its own connection, and remembers it', async () => {
    // The Russian booth's interpreter is on air.
    const ru = await joinAsInterpreter(await interpreterLink('ru'), 'Olga Smirnova', 'ru');
    await ru.page.getByTestId('booth-go-on-air').click();
    await waitFor(() => serverProducerOf(ru.id)?.paused === false, 15_000, 'Russian booth live');
    const bridge = await newPage(boothBrowser, meetingPage(srv, 'room', srv.tokens.room));
    await listen(bridge);
    const roomPeers = () => room().describe().peers.filter((p) => p.role === 'room');
    await waitFor(() => roomPeers().length === 1, 10_000, 'one bridge connection');

    await bridge.getByTestId('bridge-channel-add').click();
    const row = bridge.getByTestId('bridge-channel-row');
    await pw(row).toHaveCount(1);
    await row.getByTestId('bridge-channel-select').selectOption('ru');
    const device = bridge.getByTestId('bridge-channel-device');
    await pw(device.locator('option')).toHaveCount(3); // default + Fake Audio Output 1 and 2
    const deviceId = await device.locator('option').nth(1).getAttribute('value');
    await device.selectOption(deviceId!);
    await pw(row.getByTestId('bridge-channel-status'), 15_000).toHaveText('Russian (interpretation)');

    // A second bridge connection hears exactly one producer (the booth), played on the chosen device.
    await waitFor(() => roomPeers().length === 2 && roomPeers().some((p) => p.consumers === 1 && !p.producer), 10_000, 'extra listen-only connection');
    const sinks = () => bridge.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLAudioElement & { sinkId: string }>('audio[data-plenary-audio]'), (el) => el.sinkId));
    await waitFor(async () => (await sinks()).includes(deviceId!), 10_000, 'an element playing on the chosen output');

    // Remembered: after a reload and Listen, the row is back and connects again.
    await bridge.reload();
    await listen(bridge);
    await pw(bridge.locator('[data-testid="bridge-channel-row"][data-channel="ru"]')).toHaveCount(1);
    await pw(bridge.getByTestId('bridge-channel-status'), 15_000).toHaveText('Russian (interpretation)');
    await waitFor(async () => (await sinks()).includes(deviceId!), 10_000, 'plays on the chosen output after reload');

    // Removing the row closes its connection.
    await bridge.getByTestId('bridge-channel-remove').click();
    await waitFor(() => roomPeers().length === 1, 10_000, 'extra connection closed');
  }, 120_000);

  it('a booth relays another booth: its console hears that interpreter, and the floor with a notice while the relay is off air', async () => {
    const ru = await joinAsInterpreter(await interpreterLink('ru'), 'Pavel Orlov', 'ru');
    await ru.page.getByTestId('booth-go-on-air').click();
    const ruProducer = await waitFor(() => {
      const p = serverProducerOf(ru.id);
      return p && !p.paused ? p : null;
    }, 15_000, 'Russian booth live');

    // The Chinese booth has no direct interpreter from the floor's language: it relays Russian.
    const zh = await joinAsInterpreter(await interpreterLink('zh'), 'Wang Fang', 'zh');
    await pw(zh.page.locator('[data-testid="booth-source-select"] option[value="ru"]')).toHaveCount(1);
    await zh.page.getByTestId('booth-source-select').selectOption('ru');
    await waitFor(() => mod.state!.interpretation?.booths.zh?.source === 'ru', 10_000, 'zh booth relays ru');
    await pw(zh.page.locator('[data-testid="booth-source"][data-playing="ru"]')).toHaveCount(1);
    await firstPacket(zh.page, ruProducer.id, Date.now(), 'relay console hears the Russian interpreter');
    expect((await heard(zh.page)).map((p) => p.channel)).toEqual(['ru']);
    const relayed = await spectrum(zh.page, ruProducer.id);
    expect(near(relayed!.dominantHz, BOOTH_HZ), `relay hears ${JSON.stringify(relayed)}`).toBe(true);

    // The Russian interpreter goes off air: the Chinese console hears the floor and says why.
    await ru.page.getByTestId('booth-go-off-air').click();
    await pw(zh.page.getByTestId('booth-relay-off-air')).toBeVisible();
    await pw(zh.page.locator('[data-testid="booth-source"][data-playing="floor"]')).toHaveCount(1);
    await waitFor(async () => (await heard(zh.page)).every((p) => p.channel === 'floor'), 10_000, 'relay console on the floor');
    // Back on air: the relay is heard again, by itself.
    await ru.page.getByTestId('booth-go-on-air').click();
    await pw(zh.page.locator('[data-testid="booth-source"][data-playing="ru"]'), 10_000).toHaveCount(1);
    await pw(zh.page.getByTestId('booth-relay-off-air')).toHaveCount(0);
  }, 120_000);
});
