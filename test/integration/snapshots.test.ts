/**
 * Snapshots are an optimisation, never the truth: a snapshot written by code with another state
 * shape (stateFormat) is ignored on load, and the meeting is rebuilt from its event log.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { STATE_FORMAT } from '../../shared/domain/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe('snapshots', () => {
  async function restartWithSnapshot(format: number, title: string) {
    server = await startTestServer();
    const real = await server.service.get(server.meetingId);
    await server.app.store.saveSnapshot(server.meetingId, {
      version: real.version,
      state: { ...real, stateFormat: format, info: { ...real.info, title } },
    });
    server = await server.restart();
    return { real, loaded: await server.service.get(server.meetingId) };
  }

  it('a snapshot of the current format is used on load (it is trusted as an optimisation)', async () => {
    const { loaded } = await restartWithSnapshot(STATE_FORMAT, 'FROM SNAPSHOT');
    expect(loaded.info.title).toBe('FROM SNAPSHOT');
  });

  it('a snapshot of another state format is ignored and the log rebuilds the state', async () => {
    const { real, loaded } = await restartWithSnapshot(STATE_FORMAT + 1, 'STALE SHAPE');
    expect(loaded.info.title).toBe(real.info.title);
    expect(loaded.version).toBe(real.version);
    expect(loaded.stateFormat).toBe(STATE_FORMAT);
  });
});
