/** The Redis event store passes the contract (real Redis at 127.0.0.1:6379, unique key prefix). */
import { Redis } from 'ioredis';
import { RedisEventStore } from '../../server/store/redis.js';
import { storeContract } from './store.contract.js';

const URL = 'redis://127.0.0.1:6379';
let n = 0;

storeContract('redis', async () => {
  const prefix = `plenary-test:store:${process.pid}:${Date.now()}:${n++}:`;
  return {
    open: () => RedisEventStore.connect(URL, prefix),
    destroy: async () => {
      const r = new Redis(URL);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      await r.quit();
    },
  };
});
