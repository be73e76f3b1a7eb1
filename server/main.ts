/**
 * The process entry point (`npm start` runs it through scripts/start.mjs): validate the
 * configuration, build the app, seed the demo on an empty store, listen, print the demo links.
 */
import { ConfigError, loadConfig, type Config } from './config.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';
import { WSIS_CONSULTATION_ID } from './consultations/seed-data.js';
import { DEMO_MEETING_ID, consultationLinks, demoLinks, seedDemo } from './seed.js';

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const app = await createApp({ config, logger });
  if (await seedDemo(app.service, app.consultations.service)) logger.info('seeded the WSIS Forum 2021 demo meetings');
  await app.listen();

  const demo = await app.service.get(DEMO_MEETING_ID);
  if (demo.created) {
    const lines = demoLinks(app.tokens, app.publicUrl()).map((l) => `  ${`${l.label}:`.padEnd(34)} ${l.url}`);
    console.log(`\nPlenary is running — ${demo.info.title}\n${lines.join('\n')}\n`);
  } else {
    console.log(`\nPlenary is running on ${app.publicUrl()} (no demo meeting in this store)\n`);
  }
  if ((await app.consultations.service.get(WSIS_CONSULTATION_ID)).created) {
    const c = consultationLinks(app.consultations.tokens, app.publicUrl());
    const extend = `curl -X POST '${app.publicUrl()}/api/consultations/${WSIS_CONSULTATION_ID}/commands' -H 'Authorization: Bearer ${c.secretariatToken}' -H 'content-type: application/json' -d '{"type":"call:extend","callId":"thematic","deadline":"2099-12-31","reason":"Demo: reopened to try a submission"}'`;
    console.log(
      [
        'WSIS Forum 2021 open consultation (docs/consultation.md):',
        `  ${'Public consultation page:'.padEnd(34)} ${c.public}`,
        `  ${'Consultation secretariat:'.padEnd(34)} ${c.secretariat}`,
        '  The real deadline (8 March 2021) has passed; to try a submission, the secretariat reopens a call',
        `  (recorded and shown as an extension): ${extend}`,
        '',
      ].join('\n'),
    );
  }


  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error('Plenary failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
