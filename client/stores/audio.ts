/**
 * The audio store: one AudioClient per page on the session's socket, its state as reactive data, and
 * the actions the audio components offer (listen, volume, chair microphone, mute, hand back).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef, watch } from 'vue';
import type { AudioMuteTarget } from '../../shared/audio-protocol.js';
import { AudioClient, type AudioSnapshot } from '../lib/audio.js';
import type { MicProblem } from '../lib/audio-media.js';
import {
  effectiveDevice, listAudioDevices, onDeviceChange, outputSelectable, saveDevice, savedDevice,
  type AudioDevices, type DeviceScope,
} from '../lib/audio-devices.js';
import { saveChannel, saveDucking, savedChannel, savedDucking, type ChannelId } from '../lib/audio-channels.js';
import type { Language } from '../../shared/domain/common.js';
import { sessionClient } from '../lib/session.js';
import { useMeetingStore } from './meeting.js';

const idle: AudioSnapshot = {
  listen: 'off', mic: 'off', floor: null, speaking: [], silence: null, error: null, input: null, channel: null, channels: [], counts: null,
};

export const useAudioStore = defineStore('audio', () => {
  const meeting = useMeetingStore();
  const snap = shallowRef<AudioSnapshot>(idle);
  const volume = ref(1);
  let audio: AudioClient | null = null;

  // Device choice: remembered per browser (the hall computer keeps its mixer input and sound system),
  // applied live, and a vanished device falls back to the default with a notice until it is back.
  const scope = computed<DeviceScope>(() => (meeting.me?.role === 'room' ? 'room' : 'person'));
  const devices = shallowRef<AudioDevices>({ inputs: [], outputs: [], known: false });
  const preferred = ref({ input: '', output: '' });
  /** The remembered device is not there (unplugged): the default is used meanwhile. */
  const missing = ref({ input: false, output: false });
  /** The last pick could not be opened / routed to. */
  const pickFailed = ref<{ input: MicProblem | null; output: boolean }>({ input: null, output: false });
  const canChooseOutput = outputSelectable();
  let loadedScope: DeviceScope | null = null;
  let stopWatching: (() => void) | null = null;
  const inputInUse = computed(() => (missing.value.input ? '' : preferred.value.input));
  const outputInUse = computed(() => (missing.value.output ? '' : preferred.value.output));

  /** The microphone had to fall back to the default although listed (busy, or ids not known yet): until a device change or a new pick. */
  let fellBack = false;
  /** What the client was last told ('' = default), so a refresh re-applies only real changes. */
  const applied = { input: '', output: '' };

  /** Loads the remembered choice, lists the devices and follows plugging/unplugging (idempotent). */
  async function initDevices(): Promise<void> {
    if (loadedScope !== scope.value) {
      loadedScope = scope.value;
      preferred.value = { input: savedDevice(scope.value, 'input'), output: canChooseOutput ? savedDevice(scope.value, 'output') : '' };
    }
    stopWatching ??= onDeviceChange(() => {
      fellBack = false;
      void refreshDevices();
    });
    await refreshDevices();
  }

  async function refreshDevices(): Promise<void> {
    const d = await listAudioDevices();
    devices.value = d;
    missing.value = {
      input: effectiveDevice(preferred.value.input, d.inputs, d.known).missing || fellBack,
      output: effectiveDevice(preferred.value.output, d.outputs, d.known).missing,
    };
    await apply();
  }

  /** Tells the client the devices in use, if they changed. */
  async function apply(): Promise<void> {
    if (!audio) return;
    const want = { input: inputInUse.value, output: outputInUse.value };
    const jobs: Array<Promise<unknown>> = [];
    if (want.input !== applied.input) {
      applied.input = want.input;
      jobs.push(audio.setInput(want.input).then((p) => (pickFailed.value = { ...pickFailed.value, input: p })));
    }
    if (want.output !== applied.output) {
      applied.output = want.output;
      jobs.push(audio.setOutput(want.output).then((ok) => (pickFailed.value = { ...pickFailed.value, output: !ok })));
    }
    await Promise.all(jobs);
  }

  async function chooseInput(id: string): Promise<void> {
    preferred.value = { ...preferred.value, input: id };
    saveDevice(scope.value, 'input', id);
    fellBack = false;
    missing.value = { ...missing.value, input: false };
    await apply();
  }

  async function chooseOutput(id: string): Promise<void> {
    preferred.value = { ...preferred.value, output: id };
    saveDevice(scope.value, 'output', id);
    missing.value = { ...missing.value, output: false };
    await apply();
  }

  // The microphone opened: labels are readable now (permission), and it may have fallen back to the default.
  watch(
    () => snap.value.input,
    (input) => {
      if (!input) return;
      if (input.fellBack && !fellBack) {
        fellBack = true;
        missing.value = { ...missing.value, input: true };
        void apply();
      }
      if (!devices.value.known) void refreshDevices();
    },
  );

  // Channel choice (floor or a booth) and ducking: remembered per browser for listeners. An
  // interpreter's console hears what the booth interprets from, which the booth decides (not stored).
  const remembers = computed(() => meeting.me?.role !== 'interpreter');
  const channel = ref<ChannelId>(savedChannel());
  const ducking = ref(savedDucking());
  /** Booths on air (and not silent), for the channel pickers. */
  const channelsOnAir = computed<Language[]>(() =>
    snap.value.channels.flatMap((c) => (c.channel !== 'floor' && c.onAir ? [c.channel] : [])),
  );
  /** What is heard now: the chosen channel, or the floor while it is off air or silent. */
  const playingChannel = computed<ChannelId>(() => snap.value.channel?.effective ?? 'floor');
  /** The chosen booth the floor stands in for (a notice says so), or null. */
  const fallbackFrom = computed<Language | null>(() => {
    const n = snap.value.channel;
    return n && n.fallback && n.chosen !== 'floor' ? n.chosen : null;
  });
  /** A booth that just came back after a fallback: "the French interpretation is back" for a few seconds. */
  const channelBack = ref<Language | null>(null);
  let backTimer: ReturnType<typeof setTimeout> | null = null;
  watch(fallbackFrom, (now, before) => {
    if (backTimer) clearTimeout(backTimer);
    channelBack.value = !now && before && playingChannel.value === before ? before : null;
    if (channelBack.value) backTimer = setTimeout(() => (channelBack.value = null), 6000);
  });

  async function chooseChannel(c: ChannelId): Promise<boolean> {
    channel.value = c;
    if (remembers.value) saveChannel(c);
    return (await client()?.setChannel({ channel: c, withFloor: ducking.value })) ?? false;
  }

  async function setDucking(on: boolean): Promise<void> {
    ducking.value = on;
    if (remembers.value) saveDucking(on);
    await client()?.setChannel({ channel: channel.value, withFloor: on });
  }

  /** The page's AudioClient, made on first use for the session's role. */
  function client(): AudioClient | null {
    if (audio) return audio;
    const c = sessionClient();
    const role = meeting.me?.role;
    if (!c || !role) return null;
    // The room bridge feeds the hall mixer's processed signal; a person's microphone needs voice processing.
    if (loadedScope !== scope.value) void initDevices(); // synchronous part loads the remembered choice
    // An interpreter's console starts on the floor whatever this browser chose as a listener; the
    // console then follows its booth's source.
    if (!remembers.value) {
      channel.value = 'floor';
      ducking.value = false;
    }
    audio = new AudioClient(c, {
      autoMic: role === 'participant' || role === 'room' || role === 'interpreter',
      mic: { processing: role !== 'room', deviceId: inputInUse.value || undefined },
      channel: { channel: channel.value, withFloor: ducking.value },
    });
    applied.input = inputInUse.value;
    applied.output = outputInUse.value;
    void audio.setOutput(applied.output);
    audio.onChange((s) => (snap.value = s));
    // Read-only diagnostics hook (support staff, end-to-end tests): what this page receives and its state.
    const a = audio;
    (window as unknown as { __plenaryAudio?: unknown }).__plenaryAudio = {
      stats: () => a.receiveStats(),
      snapshot: () => a.snap,
      heard: () => a.heard(),
      spectrum: (producerId: string, ms?: number) => a.analyse(producerId, ms),
    };
    return audio;
  }

  async function listen(): Promise<void> {
    await client()?.listen();
    client()?.setVolume(volume.value);
  }

  function setVolume(v: number): void {
    volume.value = v;
    audio?.setVolume(v);
  }

  const listening = computed(() => snap.value.listen !== 'off');
  /** I hold the floor (or, for the bridge/chair, may speak): the microphone is or will be live. */
  const micOpen = computed(() => snap.value.floor?.mic === 'open');
  /** The server's floor notice is here and open or paused: the FloorMic shows, with its own hand-back. */
  const floorMicShown = computed(() => !!snap.value.floor && snap.value.floor.mic !== 'closed');
  const muted = computed(() => !!snap.value.floor && (snap.value.floor.selfMuted || snap.value.floor.lockedByModerator));

  return {
    snap,
    volume,
    listening,
    micOpen,
    floorMicShown,
    muted,
    listen,
    setVolume,
    stop: () => audio?.stop(),
    openMic: () => client()?.openMic(),
    closeMic: () => audio?.closeMic(),
    toggleMute: () => audio?.setMuted(!muted.value),
    handBack: () => audio?.handBack(),
    mute: (target: AudioMuteTarget, on: boolean) => audio?.setMuted(on, target),
    channel,
    ducking,
    channelsOnAir,
    playingChannel,
    fallbackFrom,
    channelBack,
    chooseChannel,
    setDucking,
    /** Moderators: listeners per channel heard now (a booth's listeners in fallback count on the floor). */
    channelListeners: computed(() => snap.value.counts?.listening ?? {}),
    outputLevel: () => audio?.outputLevel() ?? 0,
    inputLevel: () => audio?.inputLevel() ?? 0,
    devices,
    preferred,
    missing,
    pickFailed,
    canChooseOutput,
    inputInUse,
    outputInUse,
    initDevices,
    chooseInput,
    chooseOutput,
    /** Releases everything (page left). */
    dispose(): void {
      stopWatching?.();
      stopWatching = null;
      audio?.close();
      audio = null;
      snap.value = idle;
    },
  };
});
