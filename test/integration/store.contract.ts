/**
 * The EventStore contract: every backend must pass this suite (SQLite and Redis run it from
 * store-sqlite.test.ts and store-redis.test.ts). `open` may be called again to reopen the same
 * storage (persistence across restarts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { emptyMeeting, type ConsultationEvent, type DomainEvent } from '../../shared/domain/index.js';
import type { EventStore } from '../../server/store/types.js';

export interface ContractTarget {
  /** Opens the store under test; repeated calls open the same underlying storage. */
  open(): EventStore;
  /** Removes the storage (temp dir, Redis keys) after the test. */
  destroy(): Promise<void>;
}

const ev = (i: number): DomainEvent => ({ type: 'agenda:currentSet', at: 1_600_000_000_000 + i, itemId: `i${i}` });
const cev = (i: number): ConsultationEvent => ({ type: 'phase:removed', at: 1_600_000_000_000 + i, phaseId: `ph${i}` });

export function storeContract(name: string, makeTarget: () => Promise<ContractTarget>): void {
  describe(`EventStore contract: ${name}`, () => {
    const opened: EventStore[] = [];
    let target: ContractTarget;
    const open = async () => {
      target ??= await makeTarget();
      const s = target.open();
      opened.push(s);
      return s;
    };
    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await target?.destroy();
      target = undefined as unknown as ContractTarget;
    });

    it('an unknown meeting has version 0 and no events', async () => {
      const s = await open();
      expect(await s.version('m-x')).toBe(0);
      expect(await s.readSince('m-x', 0)).toEqual([]);
      expect(await s.listMeetings()).toEqual([]);
    });

    it('appends with the expected version and reads back in order with versions', async () => {
      const s = await open();
      expect(await s.append('m1', 0, [ev(1), ev(2)])).toEqual({ ok: true, version: 2 });
      expect(await s.append('m1', 2, [ev(3)])).toEqual({ ok: true, version: 3 });
      expect(await s.version('m1')).toBe(3);
      expect(await s.readSince('m1', 0)).toEqual([
        { v: 1, event: ev(1) },
        { v: 2, event: ev(2) },
        { v: 3, event: ev(3) },
      ]);
      expect(await s.readSince('m1', 2)).toEqual([{ v: 3, event: ev(3) }]);
      expect(await s.readSince('m1', 3)).toEqual([]);
    });

    it('refuses a stale expected version with conflict and writes nothing', async () => {
      const s = await open();
      await s.append('m1', 0, [ev(1), ev(2)]);
      expect(await s.append('m1', 1, [ev(9)])).toEqual({ ok: false, conflict: true, version: 2 });
      expect(await s.append('m1', 5, [ev(9)])).toEqual({ ok: false, conflict: true, version: 2 });
      expect((await s.readSince('m1', 0)).map((e) => e.event)).toEqual([ev(1), ev(2)]);
    });

    it('of two concurrent appends at the same version exactly one wins', async () => {
      const a = await open();
      const b = await open(); // a second connection, as another process would have
      const results = await Promise.all([a.append('m1', 0, [ev(1)]), b.append('m1', 0, [ev(2)])]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(await a.version('m1')).toBe(1);
    });

    it('keeps meetings apart and lists them', async () => {
      const s = await open();
      await s.append('m-b', 0, [ev(1)]);
      await s.append('m-a', 0, [ev(2), ev(3)]);
      expect(await s.listMeetings()).toEqual(['m-a', 'm-b']);
      expect(await s.version('m-a')).toBe(2);
      expect((await s.readSince('m-b', 0)).map((e) => e.event)).toEqual([ev(1)]);
    });

    it('stores snapshots, never moving one backwards', async () => {
      const s = await open();
      expect(await s.loadSnapshot('m1')).toBeNull();
      const state = { ...emptyMeeting(), id: 'm1', version: 7 };
      await s.saveSnapshot('m1', { version: 7, state });
      await s.saveSnapshot('m1', { version: 3, state: { ...state, version: 3 } });
      expect(await s.loadSnapshot('m1')).toEqual({ version: 7, state });
    });

    it('keeps everything across close and reopen', async () => {
      const s = await open();
      await s.append('m1', 0, [ev(1), ev(2)]);
      await s.close();
      const again = await open();
      expect(await again.version('m1')).toBe(2);
      expect(await again.append('m1', 2, [ev(3)])).toEqual({ ok: true, version: 3 });
    });

    it('keeps consultation logs apart from meetings, version-checked, listed, across reopen', async () => {
      const s = await open();
      expect(await s.consultations.version('c1')).toBe(0);
      expect(await s.consultations.list()).toEqual([]);
      await s.append('c1', 0, [ev(1)]); // a meeting with the same id is another log
      expect(await s.consultations.append('c1', 0, [cev(1), cev(2)])).toEqual({ ok: true, version: 2 });
      expect(await s.consultations.append('c1', 1, [cev(9)])).toEqual({ ok: false, conflict: true, version: 2 });
      expect(await s.consultations.append('c1', 2, [])).toEqual({ ok: true, version: 2 });
      expect(await s.consultations.readSince('c1', 1)).toEqual([{ v: 2, event: cev(2) }]);
      expect(await s.consultations.list()).toEqual(['c1']);
      expect(await s.listMeetings()).toEqual(['c1']);
      expect(await s.version('c1')).toBe(1);
      const other = await open();
      const raced = await Promise.all([s.consultations.append('c2', 0, [cev(1)]), other.consultations.append('c2', 0, [cev(2)])]);
      expect(raced.filter((r) => r.ok)).toHaveLength(1);
      await s.close();
      const again = await open();
      expect((await again.consultations.readSince('c1', 0)).map((e) => e.event)).toEqual([cev(1), cev(2)]);
      expect(await again.consultations.list()).toEqual(['c1', 'c2']);
    });
  });
}
