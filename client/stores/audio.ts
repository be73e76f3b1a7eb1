/**
 * The audio store: one AudioClient per page on the session's socket, its state as reactive data, and
 * the actions the audio components offer (listen, volume, chair microphone, mute, hand back).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { AudioMuteTarget } from '../../shared/audio-protocol.js';
import { AudioClient, type AudioSnapshot } from '../lib/audio.js';
import { sessionClient } from '../lib/session.js';
import { useMeetingStore } from './meeting.js';

const idle: AudioSnapshot = { listen: 'off', mic: 'off', floor: null, speaking: [], silence: null, error: null };

export const useAudioStore = defineStore('audio', () => {
  const meeting = useMeetingStore();
  const snap = shallowRef<AudioSnapshot>(idle);
  const volume = ref(1);
  let audio: AudioClient | null = null;

  /** The page's AudioClient, made on first use for the session's role. */
  function client(): AudioClient | null {
    if (audio) return audio;
    const c = sessionClient();
    const role = meeting.me?.role;
    if (!c || !role) return null;
    // The room bridge feeds the hall mixer's processed signal; a person's microphone needs voice processing.
    audio = new AudioClient(c, { autoMic: role === 'participant' || role === 'room', mic: { processing: role !== 'room' } });
    audio.onChange((s) => (snap.value = s));
    // Read-only diagnostics hook (support staff, end-to-end tests): what this page receives and its state.
    const a = audio;
    (window as unknown as { __plenaryAudio?: unknown }).__plenaryAudio = { stats: () => a.receiveStats(), snapshot: () => a.snap };
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
    outputLevel: () => audio?.outputLevel() ?? 0,
    inputLevel: () => audio?.inputLevel() ?? 0,
    /** Releases everything (page left). */
    dispose(): void {
      audio?.close();
      audio = null;
      snap.value = idle;
    },
  };
});
