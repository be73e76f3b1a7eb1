/**
 * The EventStore interface: every backend (SQLite, Redis) passes the same contract suite
 * (test/integration/store.contract.ts). Versions start at 1 for a meeting's first event; a meeting
 * with no events has version 0.
 */
import type { ConsultationEvent, DomainEvent, MeetingState, VersionedConsultationEvent, VersionedEvent } from '../../shared/domain/index.js';

export type AppendResult = { ok: true; version: number } | { ok: false; conflict: true; version: number };

export interface Snapshot {
  version: number;
  state: MeetingState;
}

export interface EventStore {
  /** 'sqlite' | 'redis': shown by /healthz. */
  readonly kind: string;
  /**
   * Appends events atomically if the meeting's current version is `expectedVersion`; otherwise
   * nothing is written and the result says `conflict` with the actual version.
   */
  append(meetingId: string, expectedVersion: number, events: readonly DomainEvent[]): Promise<AppendResult>;
  /** Events with version > `since`, in order. */
  readSince(meetingId: string, since: number): Promise<VersionedEvent[]>;
  /** Current version (0 when the meeting has no events). */
  version(meetingId: string): Promise<number>;
  /** Ids of every meeting with at least one event. */
  listMeetings(): Promise<string[]>;
  /** Optional optimisation: the latest stored snapshot, never the truth. */
  loadSnapshot(meetingId: string): Promise<Snapshot | null>;
  saveSnapshot(meetingId: string, snapshot: Snapshot): Promise<void>;
  /** The consultations' logs: kept apart from meetings (own table / keys), same guarantees. */
  readonly consultations: ConsultationLog;
  close(): Promise<void>;
  /** False while the backend cannot be reached (Redis down); absent means always reachable. */
  reachable?(): boolean;
}

/**
 * One event log per consultation, with the same version-checked append as meetings. Consultations
 * are few and small (a few thousand events), so there are no snapshots: the log is replayed on load.
 */
export interface ConsultationLog {
  append(consultationId: string, expectedVersion: number, events: readonly ConsultationEvent[]): Promise<AppendResult>;
  readSince(consultationId: string, since: number): Promise<VersionedConsultationEvent[]>;
  version(consultationId: string): Promise<number>;
  /** Ids of every consultation with at least one event. */
  list(): Promise<string[]>;
}
