/**
 * SQLite event store (better-sqlite3, WAL): the embedded default, one file under DATA_DIR.
 * Appends run in an IMMEDIATE transaction that checks the current max version, so even two
 * processes on one file cannot interleave.
 */
import Database from 'better-sqlite3';
import type { ConsultationEvent, DomainEvent, MeetingState, VersionedConsultationEvent, VersionedEvent } from '../../shared/domain/index.js';
import type { AppendResult, ConsultationLog, EventStore, Snapshot } from './types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  meeting_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (meeting_id, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS consultation_events (
  consultation_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (consultation_id, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS snapshots (
  meeting_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  state TEXT NOT NULL
);
`;

/** Opens (and creates) the database file. */
export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  private readonly stmts;
  private readonly appendTx: (meetingId: string, expected: number, events: readonly DomainEvent[]) => AppendResult;
  readonly consultations: ConsultationLog;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // NORMAL is durable against process crashes in WAL mode (only an OS crash can lose the tail).
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.stmts = {
      version: this.db.prepare<[string], { v: number | null }>('SELECT MAX(version) AS v FROM events WHERE meeting_id = ?'),
      insert: this.db.prepare('INSERT INTO events (meeting_id, version, at, type, data) VALUES (?, ?, ?, ?, ?)'),
      since: this.db.prepare<[string, number], { version: number; data: string }>(
        'SELECT version, data FROM events WHERE meeting_id = ? AND version > ? ORDER BY version',
      ),
      meetings: this.db.prepare<[], { meeting_id: string }>('SELECT DISTINCT meeting_id FROM events ORDER BY meeting_id'),
      loadSnap: this.db.prepare<[string], { version: number; state: string }>(
        'SELECT version, state FROM snapshots WHERE meeting_id = ?',
      ),
      saveSnap: this.db.prepare(
        `INSERT INTO snapshots (meeting_id, version, state) VALUES (?, ?, ?)
         ON CONFLICT(meeting_id) DO UPDATE SET version = excluded.version, state = excluded.state
         WHERE excluded.version > snapshots.version`,
      ),
    };
    this.appendTx = this.db
      .transaction((meetingId: string, expected: number, events: readonly DomainEvent[]): AppendResult => {
        const current = this.stmts.version.get(meetingId)?.v ?? 0;
        if (current !== expected) return { ok: false, conflict: true, version: current };
        let v = current;
        for (const e of events) {
          v += 1;
          this.stmts.insert.run(meetingId, v, e.at, e.type, JSON.stringify(e));
        }
        return { ok: true, version: v };
      })
      .immediate as never;
    this.consultations = sqliteConsultationLog(this.db);
  }

  async append(meetingId: string, expectedVersion: number, events: readonly DomainEvent[]): Promise<AppendResult> {
    return this.appendTx(meetingId, expectedVersion, events);
  }

  async readSince(meetingId: string, since: number): Promise<VersionedEvent[]> {
    return this.stmts.since.all(meetingId, since).map((r) => ({ v: r.version, event: JSON.parse(r.data) as DomainEvent }));
  }

  async version(meetingId: string): Promise<number> {
    return this.stmts.version.get(meetingId)?.v ?? 0;
  }

  async listMeetings(): Promise<string[]> {
    return this.stmts.meetings.all().map((r) => r.meeting_id);
  }

  async loadSnapshot(meetingId: string): Promise<Snapshot | null> {
    const r = this.stmts.loadSnap.get(meetingId);
    return r ? { version: r.version, state: JSON.parse(r.state) as MeetingState } : null;
  }

  async saveSnapshot(meetingId: string, snapshot: Snapshot): Promise<void> {
    this.stmts.saveSnap.run(meetingId, snapshot.version, JSON.stringify(snapshot.state));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

/** The consultations' logs in the same file: table consultation_events, same IMMEDIATE append. */
function sqliteConsultationLog(db: Database.Database): ConsultationLog {
  const version = db.prepare<[string], { v: number | null }>('SELECT MAX(version) AS v FROM consultation_events WHERE consultation_id = ?');
  const insert = db.prepare('INSERT INTO consultation_events (consultation_id, version, at, type, data) VALUES (?, ?, ?, ?, ?)');
  const since = db.prepare<[string, number], { version: number; data: string }>(
    'SELECT version, data FROM consultation_events WHERE consultation_id = ? AND version > ? ORDER BY version',
  );
  const list = db.prepare<[], { id: string }>('SELECT DISTINCT consultation_id AS id FROM consultation_events ORDER BY consultation_id');
  const append = db.transaction((id: string, expected: number, events: readonly ConsultationEvent[]): AppendResult => {
    const current = version.get(id)?.v ?? 0;
    if (current !== expected) return { ok: false, conflict: true, version: current };
    let v = current;
    for (const e of events) {
      v += 1;
      insert.run(id, v, e.at, e.type, JSON.stringify(e));
    }
    return { ok: true, version: v };
  }).immediate as unknown as (id: string, expected: number, events: readonly ConsultationEvent[]) => AppendResult;
  return {
    append: async (id, expected, events) => append(id, expected, events),
    readSince: async (id, from) => since.all(id, from).map((r): VersionedConsultationEvent => ({ v: r.version, event: JSON.parse(r.data) as ConsultationEvent })),
    version: async (id) => version.get(id)?.v ?? 0,
    list: async () => list.all().map((r) => r.id),
  };
}
