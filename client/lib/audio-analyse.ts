/**
 * What a received track actually sounds like, measured in the page: the dominant frequency of its
 * spectrum (WebAudio AnalyserNode). Support staff use it to tell which source a listener hears; the
 * interpretation end-to-end test proves with it that a listener of a booth hears the interpreter's
 * microphone and not the floor's (the two fake microphones play tones of different pitch).
 */

/** The strongest frequency heard over the sampling window, and how loud it was. */
export interface Spectrum {
  /** Hz of the strongest bin (0 when nothing above the floor was heard). */
  dominantHz: number;
  /** Its level in dBFS (-Infinity for silence). */
  peakDb: number;
  /** The analyser's resolution: a bin is this many Hz wide. */
  binHz: number;
}

/** Ignore rumble and DC below this: speech and tones of interest sit well above it. */
const MIN_HZ = 80;

/**
 * Listens to `track` for `ms` milliseconds and returns its dominant frequency. The spectrum is
 * averaged over several snapshots (in dB), so a tone that pauses (beeps, speech) still wins over
 * a single loud click. The track must also be playing through a media element: Chromium delivers
 * remote WebRTC audio to WebAudio only then (Playback does that for every consumer).
 */
export async function analyseTrack(ctx: AudioContext, track: MediaStreamTrack, ms = 1000): Promise<Spectrum> {
  const src = ctx.createMediaStreamSource(new MediaStream([track]));
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 4096;
  analyser.smoothingTimeConstant = 0;
  src.connect(analyser); // measured only; never connected to the destination
  const bins = analyser.frequencyBinCount;
  const frame = new Float32Array(bins);
  const sum = new Float64Array(bins);
  let frames = 0;
  const binHz = ctx.sampleRate / analyser.fftSize;
  try {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await new Promise((r) => setTimeout(r, 50));
      analyser.getFloatFrequencyData(frame);
      for (let i = 0; i < bins; i++) {
        const db = frame[i]!;
        sum[i] = sum[i]! + (Number.isFinite(db) ? db : -200);
      }
      frames++;
    }
  } finally {
    src.disconnect();
  }
  if (!frames) return { dominantHz: 0, peakDb: -Infinity, binHz };
  let best = -1;
  let bestDb = -Infinity;
  for (let i = Math.ceil(MIN_HZ / binHz); i < bins; i++) {
    const db = sum[i]! / frames;
    if (db > bestDb) {
      bestDb = db;
      best = i;
    }
  }
  // Below -100 dBFS on average is the codec's noise floor, not a sound.
  if (best < 0 || bestDb < -100) return { dominantHz: 0, peakDb: -Infinity, binHz };
  return { dominantHz: Math.round(best * binHz), peakDb: Math.round(bestDb * 10) / 10, binHz };
}
