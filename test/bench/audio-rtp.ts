/**
 * Synthetic audio without a browser, for the audio-fanout benchmark and the interpretation and
 * pipe integration tests: a speaker that sends Opus-shaped RTP (with the ssrc-audio-level header
 * extension, so mediasoup's AudioLevelObserver hears it) into a mediasoup PlainTransport over UDP,
 * and listeners that receive what mediasoup forwards on UDP sockets and count it.
 *
 * Each packet's payload starts with a 4-byte tag naming the source and its 32-bit sequence
 * number: mediasoup forwards payloads untouched, so a listener can prove *whose* audio it got and
 * which packets (the same ones on every worker, when piped).
 */
import { createSocket, type Socket } from 'node:dgram';
import type { types as ms } from 'mediasoup';

/** The header extension id the synthetic producers declare for ssrc-audio-level. */
export const AUDIO_LEVEL_EXT_ID = 1;

/** Producer RTP parameters matching what `rtpPacket` sends. */
export function syntheticOpus(ssrc: number): ms.RtpParameters {
  return {
    codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2, parameters: { useinbandfec: 1 }, rtcpFeedback: [] }],
    encodings: [{ ssrc }],
    headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: AUDIO_LEVEL_EXT_ID, encrypt: false, parameters: {} }],
    rtcp: { cname: `synthetic-${ssrc}`, reducedSize: true },
  };
}

/** One RTP packet: 20 ms of "Opus" at 48 kHz, loudness `levelDb` dBov (0 loudest, 127 silence). */
export function rtpPacket(o: { seq: number; ssrc: number; tag: string; counter: number; levelDb?: number; payloadBytes?: number }): Buffer {
  const payloadBytes = o.payloadBytes ?? 80;
  const buf = Buffer.alloc(12 + 8 + payloadBytes);
  buf[0] = 0x90; // V=2, X=1
  buf[1] = 111;
  buf.writeUInt16BE(o.seq & 0xffff, 2);
  buf.writeUInt32BE((o.counter * 960) >>> 0, 4);
  buf.writeUInt32BE(o.ssrc >>> 0, 8);
  // One-byte header extension block: one element (id, length 1) carrying voice flag + level.
  buf.writeUInt16BE(0xbede, 12);
  buf.writeUInt16BE(1, 14);
  buf[16] = (AUDIO_LEVEL_EXT_ID << 4) | 0;
  buf[17] = 0x80 | Math.min(127, Math.max(0, o.levelDb ?? 20));
  buf.write(o.tag.padEnd(4, ' ').slice(0, 4), 20, 'latin1');
  buf.writeUInt32BE(o.counter >>> 0, 24);
  return buf;
}

/** A payload's source tag and counter, or null for anything else (RTCP, …). */
export function readPayload(msg: Buffer): { tag: string; counter: number } | null {
  if (msg.length < 12 || msg[0] === undefined || msg[0] >> 6 !== 2) return null;
  const pt = (msg[1] ?? 0) & 0x7f;
  if (pt >= 72 && pt <= 79) return null; // RTCP on the same port (rtcp-mux)
  const cc = msg[0] & 0x0f;
  let off = 12 + cc * 4;
  if (msg[0] & 0x10) off += 4 + msg.readUInt16BE(off + 2) * 4;
  if (msg.length < off + 8) return null;
  return { tag: msg.toString('latin1', off, off + 4), counter: msg.readUInt32BE(off + 4) };
}

/** Sends 50 packets a second (20 ms Opus frames) to a PlainTransport. */
export class RtpSpeaker {
  readonly socket: Socket = createSocket('udp4');
  sent = 0;
  private timer: NodeJS.Timeout | undefined;
  private started = 0;

  constructor(
    readonly ssrc: number,
    readonly tag: string,
  ) {}

  /** Starts sending to `ip:port`; `levelDb` 127 = digital silence (nothing the level observer hears). */
  start(ip: string, port: number, levelDb = 20): void {
    this.stop();
    this.started = performance.now();
    const base = this.sent;
    // Catch up on timer drift: the number due is computed from elapsed time, as a real 20 ms clock would.
    this.timer = setInterval(() => {
      const due = base + Math.floor((performance.now() - this.started) / 20) + 1;
      while (this.sent < due) {
        const counter = this.sent++;
        this.socket.send(rtpPacket({ seq: counter, ssrc: this.ssrc, tag: this.tag, counter, levelDb }), port, ip);
      }
    }, 10);
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  close(): void {
    this.stop();
    this.socket.close();
  }
}

/** Receives forwarded RTP on a local UDP port and counts it by source tag. */
export class RtpListener {
  readonly socket: Socket = createSocket('udp4');
  /** Packets received per source tag. */
  readonly byTag = new Map<string, number>();
  /** Distinct counters received per tag (duplicates are not delivery). */
  readonly counters = new Map<string, Set<number>>();
  firstAt = new Map<string, number>();

  private constructor() {
    this.socket.on('message', (msg) => {
      const p = readPayload(msg);
      if (!p) return;
      this.byTag.set(p.tag, (this.byTag.get(p.tag) ?? 0) + 1);
      let set = this.counters.get(p.tag);
      if (!set) this.counters.set(p.tag, (set = new Set()));
      set.add(p.counter);
      if (!this.firstAt.has(p.tag)) this.firstAt.set(p.tag, performance.now());
    });
  }

  static async open(): Promise<RtpListener> {
    const l = new RtpListener();
    await new Promise<void>((resolve) => l.socket.bind(0, '127.0.0.1', resolve));
    return l;
  }

  get port(): number {
    return this.socket.address().port;
  }

  /** Distinct packets of `tag` with counters in [from, to). */
  receivedBetween(tag: string, from: number, to: number): number {
    let n = 0;
    for (const c of this.counters.get(tag) ?? []) if (c >= from && c < to) n += 1;
    return n;
  }

  reset(): void {
    this.byTag.clear();
    this.counters.clear();
    this.firstAt.clear();
  }

  close(): void {
    this.socket.close();
  }
}
