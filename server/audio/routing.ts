/**
 * Who receives which producer in one audio room: a connection is told about (and may consume) only
 * the producers of the channels it hears — every floor producer (speakers, chair, hall) for the
 * floor, the on-air interpreter's producer for a booth. When what it hears changes (its choice, a
 * handover, a booth going off air or silent and coming back) the consumers are swapped on its
 * receive transport: `audio:producerClosed` for what it leaves, `audio:newProducer` for what it
 * now hears, and `audio:channel` saying what it hears and why.
 *
 * Booth silence: a booth on air whose interpreter has not been heard (AudioLevelObserver, like the
 * floor's silent-microphone alarm) for `boothSilenceMs` counts as silent; its listeners hear the
 * floor until the interpreter is heard again.
 */
import { FLOOR, boothList, type Language, type MeetingState } from '../../shared/domain/index.js';
import type { ChannelNotice, ChannelStatus } from '../../shared/audio-protocol.js';
import { channelCounts, channelNotice, channelStatuses, heardChannels } from './channels.js';
import { producerInfo, type Peer } from './peer.js';
import type { AudioOutbox, AudioServerMessage } from './types.js';

export interface ChannelRoutingOptions {
  boothSilenceMs: number;
  now: () => number;
  /** When a producer was last heard above the level threshold (0: never). */
  heardAt: (producerId: string) => number;
  /** Whether this peer is an interpreter on air (its producer carries the booth). */
  isOnAir: (p: Peer) => boolean;
  /** How often moderators get the listener counts at most (ms). */
  countsEveryMs?: number;
}

/**
 * `join`: nothing is sent (the join answer carries it all); `ack`: producer events are sent, the
 * notice is the request's answer; `push`: everything is sent.
 */
export type RouteMode = 'join' | 'ack' | 'push';

export class ChannelRouting {
  /** Booths on air with nothing heard for too long. */
  readonly silent = new Set<Language>();
  /** Per booth: who is on air (key) and since when we wait to hear them. */
  private readonly liveSince = new Map<Language, { key: string; since: number }>();
  private lastStatuses = '';
  private lastCounts = '';
  private countsTimer: NodeJS.Timeout | undefined;
  /** The last `audio:levels` was empty: do not repeat it while only booths are heard. */
  private quiet = true;

  constructor(
    private readonly peers: ReadonlyMap<string, Peer>,
    private readonly outbox: AudioOutbox,
    private readonly opts: ChannelRoutingOptions,
  ) {}

  /** Brings one peer's announced producers in line with what it hears; returns what it hears. */
  route(state: MeetingState | null, peer: Peer, mode: RouteMode, sources: readonly Peer[] = this.sources()): ChannelNotice {
    const notice = channelNotice(state, peer, this.silent);
    const heard = heardChannels(notice);
    const wanted = new Map<string, Peer>();
    for (const o of sources) {
      if (o === peer || !o.producer || !heard.has(o.channel)) continue;
      // A booth is carried only by its interpreter on air (a colleague's open microphone is held).
      if (o.channel !== FLOOR && !this.opts.isOnAir(o)) continue;
      wanted.set(o.producer.id, o);
    }
    for (const id of [...peer.announced]) {
      if (wanted.has(id)) continue;
      peer.announced.delete(id);
      peer.consumers.get(id)?.close();
      if (mode !== 'join') this.outbox.send(peer.id, { event: 'audio:producerClosed', payload: { producerId: id } });
    }
    for (const [id, owner] of wanted) {
      if (peer.announced.has(id)) continue;
      peer.announced.add(id);
      if (mode !== 'join') this.outbox.send(peer.id, { event: 'audio:newProducer', payload: producerInfo(owner) });
    }
    const changed = JSON.stringify(notice) !== JSON.stringify(peer.heard);
    peer.heard = notice;
    if (changed && mode === 'push') this.outbox.send(peer.id, { event: 'audio:channel', payload: notice });
    if (changed) this.countsChanged();
    return notice;
  }

  /** Re-routes everyone (a producer came, a booth changed) and tells everyone if a channel's status changed. */
  routeAll(state: MeetingState | null): void {
    // Producers are few (speakers, chair, hall, interpreters), listeners many: find them once.
    const sources = this.sources();
    for (const p of this.peers.values()) if (p.heard) this.route(state, p, 'push', sources);
    const statuses = channelStatuses(state, this.silent);
    const json = JSON.stringify(statuses);
    if (json === this.lastStatuses) return;
    this.lastStatuses = json;
    this.broadcast({ event: 'audio:channels', payload: { channels: statuses } });
  }

  /** The channel list as it stands (for a join answer). */
  statuses(state: MeetingState | null): ChannelStatus[] {
    const statuses = channelStatuses(state, this.silent);
    this.lastStatuses = JSON.stringify(statuses);
    return statuses;
  }

  /** A producer closed: everyone who was told about it is told it is gone. */
  producerGone(producerId: string): void {
    for (const p of this.peers.values()) {
      if (!p.announced.delete(producerId)) continue;
      p.consumers.get(producerId)?.close();
      this.outbox.send(p.id, { event: 'audio:producerClosed', payload: { producerId } });
    }
  }

  /** The level observer's report: "speaking now" is about the floor only (interpreters are not speakers). */
  levels(entries: Array<{ producerId: string; volume: number }>, ownerOf: (id: string) => Peer | undefined): void {
    const speaking = entries.flatMap((e) => {
      const owner = ownerOf(e.producerId);
      return owner && owner.channel === FLOOR ? [{ ...producerInfo(owner), volume: e.volume }] : [];
    });
    if (!speaking.length && this.quiet) return;
    this.quiet = speaking.length === 0;
    this.broadcast({ event: 'audio:levels', payload: { speaking } });
  }

  /** On every level tick: which booths on air have been silent too long; re-route when that changes. */
  checkBooths(state: MeetingState | null): void {
    if (!state) return;
    const now = this.opts.now();
    const silent = new Set<Language>();
    for (const b of boothList(state)) {
      if (!b.onAir) {
        this.liveSince.delete(b.language);
        continue;
      }
      const interp = [...this.peers.values()].find((p) => p.participantId === b.onAir && p.producer);
      const key = `${b.onAir}:${interp?.producer?.id ?? ''}`;
      const live = this.liveSince.get(b.language);
      // The wait starts when the interpreter (or their microphone) comes on air.
      if (!live || live.key !== key) this.liveSince.set(b.language, { key, since: now });
      const since = this.liveSince.get(b.language)?.since ?? now;
      const heard = Math.max(since, interp?.producer ? this.opts.heardAt(interp.producer.id) : 0);
      if (now - heard >= this.opts.boothSilenceMs) silent.add(b.language);
    }
    const same = silent.size === this.silent.size && [...silent].every((l) => this.silent.has(l));
    if (same) return;
    this.silent.clear();
    for (const l of silent) this.silent.add(l);
    this.routeAll(state);
  }

  /** Listener counts changed: moderators hear about it at most once per `countsEveryMs`. */
  countsChanged(resend = false): void {
    // A moderator who just joined gets the counts even if they did not change.
    if (resend) this.lastCounts = '';
    if (this.countsTimer) return;
    this.countsTimer = setTimeout(() => {
      this.countsTimer = undefined;
      const counts = channelCounts([...this.peers.values()].map((p) => ({ chosen: p.chosen, notice: p.heard })));
      const json = JSON.stringify(counts);
      if (json === this.lastCounts) return;
      this.lastCounts = json;
      this.toModerators({ event: 'audio:channelCounts', payload: counts });
    }, this.opts.countsEveryMs ?? 1000);
    this.countsTimer.unref();
  }

  /** The peers that have a producer. */
  private sources(): Peer[] {
    return [...this.peers.values()].filter((p) => p.producer);
  }

  toModerators(message: AudioServerMessage): void {
    for (const p of this.peers.values()) if (p.role === 'moderator') this.outbox.send(p.id, message);
  }

  close(): void {
    clearTimeout(this.countsTimer);
  }

  private broadcast(message: AudioServerMessage): void {
    for (const p of this.peers.values()) this.outbox.send(p.id, message);
  }
}
