/**
 * Audio device choice: which microphone and which loudspeaker output a page uses, listed from the
 * browser and remembered in this browser's localStorage (so the hall computer keeps the mixer's
 * line-in and the sound system across reloads). Nothing runs at import time.
 *
 * The empty id '' means "the system default": no deviceId constraint and sink ''. Chromium also lists
 * pseudo-devices ('default', 'communications') that mirror a real one; they are left out so the
 * default is offered once, the same way in every browser.
 */

/** Whose choice: the room bridge's (the hall's desk) or a person's (participant, chair). */
export type DeviceScope = 'room' | 'person';
export type DeviceKind = 'input' | 'output';

/** One device as the page offers it; `label` is '' until the microphone permission was given. */
export interface DeviceOption {
  id: string;
  label: string;
}

export interface AudioDevices {
  inputs: DeviceOption[];
  outputs: DeviceOption[];
  /** False before the microphone permission: ids are blank, so nothing can be chosen or found missing yet. */
  known: boolean;
}

const PSEUDO = new Set(['', 'default', 'communications']);
const key = (scope: DeviceScope, kind: DeviceKind) => `plenary.audio.${scope}.${kind}`;

/** The microphones and outputs the browser lists (without the pseudo-devices, see above). */
export async function listAudioDevices(): Promise<AudioDevices> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.enumerateDevices) return { inputs: [], outputs: [], known: false };
  const all = await navigator.mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]);
  const pick = (kind: MediaDeviceKind) =>
    all.filter((d) => d.kind === kind && !PSEUDO.has(d.deviceId)).map((d) => ({ id: d.deviceId, label: d.label }));
  return { inputs: pick('audioinput'), outputs: pick('audiooutput'), known: all.some((d) => d.deviceId !== '') };
}

/** Whether this browser can route playback to a chosen output (HTMLMediaElement.setSinkId). */
export function outputSelectable(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype;
}

/** The remembered choice ('' = system default). */
export function savedDevice(scope: DeviceScope, kind: DeviceKind): string {
  try {
    return localStorage.getItem(key(scope, kind)) ?? '';
  } catch {
    return ''; // storage disabled: the default device
  }
}

export function saveDevice(scope: DeviceScope, kind: DeviceKind, id: string): void {
  try {
    if (id) localStorage.setItem(key(scope, kind), id);
    else localStorage.removeItem(key(scope, kind));
  } catch {
    // storage disabled: the choice lasts for this page only
  }
}

/** Calls `fn` when a device is plugged in or removed; returns the unsubscribe. */
export function onDeviceChange(fn: () => void): () => void {
  const md = typeof navigator === 'undefined' ? undefined : navigator.mediaDevices;
  if (!md?.addEventListener) return () => undefined;
  md.addEventListener('devicechange', fn);
  return () => md.removeEventListener('devicechange', fn);
}

/**
 * The device to use given the remembered one: itself while it is listed, else the default. Before
 * permission (`known` false) nothing can be checked, so the remembered id is tried as is (opening it
 * falls back to the default if it is gone, see AudioClient).
 */
export function effectiveDevice(preferred: string, listed: DeviceOption[], known: boolean): { id: string; missing: boolean } {
  if (!preferred || !known || listed.some((d) => d.id === preferred)) return { id: preferred, missing: false };
  return { id: '', missing: true };
}
