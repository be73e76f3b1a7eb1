/** The SQLite event store passes the contract (real file in a temp dir). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../../server/store/sqlite.js';
import { storeContract } from './store.contract.js';

storeContract('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'plenary-store-'));
  return {
    open: () => new SqliteEventStore(join(dir, 'plenary.sqlite')),
    destroy: async () => rmSync(dir, { recursive: true, force: true }),
  };
});
