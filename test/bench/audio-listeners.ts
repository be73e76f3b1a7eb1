/**
 * A child process of the audio-fanout benchmark that hosts synthetic listeners: UDP sockets that
 * count the RTP mediasoup forwards to them. The 1,000 listeners stand in for 1,000 browsers on
 * other machines, so their receiving must not compete with the server for one event loop: the
 * benchmark spreads them over a few of these processes.
 *
 * IPC: `{ kind: 'open', count }` → `{ kind: 'opened', ports }`;
 * `{ kind: 'count', windows: Array<{ tag, from, to }> }` (one per socket) → `{ kind: 'counted', received, stray }`
 * (`stray`: packets of another tag than the socket's, which must be 0); `{ kind: 'close' }`.
 */
import { RtpListener } from './audio-rtp.js';

type Msg =
  | { kind: 'open'; count: number }
  | { kind: 'count'; windows: Array<{ tag: string; from: number; to: number }> }
  | { kind: 'close' };

const sockets: RtpListener[] = [];
// The benchmark ended (or died): never outlive it.
process.on('disconnect', () => process.exit(0));

process.on('message', (m: Msg) => {
  void (async () => {
    if (m.kind === 'open') {
      for (let i = 0; i < m.count; i++) {
        const l = await RtpListener.open();
        // Room for a few seconds of packets if this process is descheduled on a busy machine.
        l.socket.setRecvBufferSize(1 << 20);
        sockets.push(l);
      }
      process.send?.({ kind: 'opened', ports: sockets.slice(-m.count).map((l) => l.port) });
    } else if (m.kind === 'count') {
      const received = m.windows.map((w, i) => sockets[i]?.receivedBetween(w.tag, w.from, w.to) ?? 0);
      const stray = m.windows.map((w, i) => [...(sockets[i]?.byTag ?? [])].reduce((n, [tag, c]) => (tag === w.tag ? n : n + c), 0));
      // Diagnostics (AUDIO_BENCH_DEBUG=1): which packets of the window each of the first sockets missed.
      const missing = process.env.AUDIO_BENCH_DEBUG
        ? m.windows.slice(0, 20).map((w, i) => {
            const got = sockets[i]?.counters.get(w.tag) ?? new Set<number>();
            const out: number[] = [];
            for (let c = w.from; c < w.to; c++) if (!got.has(c)) out.push(c);
            return out;
          })
        : [];
      process.send?.({ kind: 'counted', received, stray, missing });
    } else {
      for (const l of sockets) l.close();
      process.exit(0);
    }
  })();
});
