/**
 * Picks the event store from the configuration: Redis when REDIS_URL is set, else the SQLite file
 * DATA_DIR/plenary.sqlite.
 */
import { join } from 'node:path';
import type { Config } from '../config.js';
import { RedisEventStore } from './redis.js';
import { SqliteEventStore } from './sqlite.js';
import type { EventStore } from './types.js';

export type { AppendResult, EventStore, Snapshot } from './types.js';
export { RedisEventStore } from './redis.js';
export { SqliteEventStore } from './sqlite.js';

/** The store the configuration asks for. */
export function createStore(config: Pick<Config, 'REDIS_URL' | 'REDIS_PREFIX' | 'dataDir'>): EventStore {
  if (config.REDIS_URL) return RedisEventStore.connect(config.REDIS_URL, config.REDIS_PREFIX);
  return new SqliteEventStore(join(config.dataDir, 'plenary.sqlite'));
}
