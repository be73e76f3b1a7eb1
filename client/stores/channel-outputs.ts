/**
 * The room bridge's extra outputs: one interpretation channel per output device (the hall's
 * interpretation transmitters, one input per language). The server sends a connection only the
 * channel it chose, so each output is its own listen-only connection to the meeting (same room
 * token, no microphone) playing its channel to its device. Rows are remembered in this browser,
 * like the bridge's own devices, and connected once the bridge listens (the click that unlocks
 * audio playback).
 */
import { defineStore } from 'pinia';
import { ref, shallowRef, watch } from 'vue';
import { AudioClient, type AudioSnapshot } from '../lib/audio.js';
import { isChannel, type ChannelId } from '../lib/audio-channels.js';
import { PlenaryClient } from '../lib/plenary-client.js';
import { sessionToken } from '../lib/session.js';
import { useAudioStore } from './audio.js';

export interface ChannelOutput {
  id: number;
  channel: ChannelId;
  /** Output device ('' = system default). */
  deviceId: string;
}

interface Live {
  client: PlenaryClient;
  audio: AudioClient;
}

const KEY = 'plenary.audio.room.channelOutputs';

function load(): ChannelOutput[] {
  try {
    const rows = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    if (!Array.isArray(rows)) return [];
    return rows.flatMap((r: Partial<ChannelOutput>, i) =>
      isChannel(r?.channel) && typeof r.deviceId === 'string' ? [{ id: i + 1, channel: r.channel, deviceId: r.deviceId }] : []);
  } catch {
    return [];
  }
}

export const useChannelOutputsStore = defineStore('channelOutputs', () => {
  const audio = useAudioStore();
  const rows = ref<ChannelOutput[]>(load());
  /** Each row's audio state (listening, what it hears), for its status line. */
  const states = shallowRef<Record<number, AudioSnapshot>>({});
  const live = new Map<number, Live>();
  let nextId = Math.max(0, ...rows.value.map((r) => r.id)) + 1;

  function save(): void {
    try {
      localStorage.setItem(KEY, JSON.stringify(rows.value.map(({ channel, deviceId }) => ({ channel, deviceId }))));
    } catch {
      // Storage disabled: the rows hold for this page only.
    }
  }

  async function connect(row: ChannelOutput): Promise<void> {
    const token = sessionToken();
    if (!token || live.has(row.id)) return;
    const client = new PlenaryClient({ url: '', token });
    const a = new AudioClient(client, { autoMic: false, channel: { channel: row.channel, withFloor: false } });
    live.set(row.id, { client, audio: a });
    a.onChange((s) => (states.value = { ...states.value, [row.id]: s }));
    try {
      await client.connect();
      await a.setOutput(row.deviceId);
      await a.listen();
    } catch {
      // The connection retries by itself; its status line shows what happens.
    }
  }

  function disconnect(id: number): void {
    const l = live.get(id);
    if (!l) return;
    l.audio.close();
    l.client.close();
    live.delete(id);
    const { [id]: _gone, ...rest } = states.value;
    states.value = rest;
  }

  // Outputs play only while the bridge itself listens (its click unlocked playback).
  watch(() => audio.listening, (on) => {
    for (const r of rows.value) {
      if (on) void connect(r);
      else disconnect(r.id);
    }
  });

  return {
    rows,
    states,
    add(channel: ChannelId, deviceId: string): void {
      const row = { id: nextId++, channel, deviceId };
      rows.value = [...rows.value, row];
      save();
      if (audio.listening) void connect(row);
    },
    remove(id: number): void {
      disconnect(id);
      rows.value = rows.value.filter((r) => r.id !== id);
      save();
    },
    async setChannel(id: number, channel: ChannelId): Promise<void> {
      rows.value = rows.value.map((r) => (r.id === id ? { ...r, channel } : r));
      save();
      await live.get(id)?.audio.setChannel({ channel, withFloor: false });
    },
    async setDevice(id: number, deviceId: string): Promise<void> {
      rows.value = rows.value.map((r) => (r.id === id ? { ...r, deviceId } : r));
      save();
      await live.get(id)?.audio.setOutput(deviceId);
    },
    /** Page left: every extra connection closes. */
    dispose(): void {
      for (const id of [...live.keys()]) disconnect(id);
    },
  };
});
