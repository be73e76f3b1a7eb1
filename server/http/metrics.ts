/**
 * Prometheus metrics (prom-client), scraped at `GET /metrics`: live connections, commands by type
 * and outcome, ack latency of every socket event, event-log append latency, and Node's own figures
 * (event-loop lag, heap, RSS, GC) from collectDefaultMetrics. One registry per app, so several
 * servers in one test process do not mix their counts. With METRICS_TOKEN set, a scrape must send
 * `Authorization: Bearer <METRICS_TOKEN>`.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Express } from 'express';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { AppError } from '../errors.js';

/** Seconds buckets for acks and appends: sub-millisecond appends up to multi-second storms. */
const BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export class PlenaryMetrics {
  readonly registry = new Registry();
  /** Accepted (`ok`) and refused (`refused`, with the error code) commands, by command type. */
  readonly commands = new Counter({
    name: 'plenary_commands_total',
    help: 'Meeting commands handled, by command type and outcome (ok or the refusal code)',
    labelNames: ['type', 'outcome'] as const,
    registers: [this.registry],
  });
  /** From a socket message's arrival to its ack, by event name (contract events only). */
  readonly ackSeconds = new Histogram({
    name: 'plenary_ack_latency_seconds',
    help: 'Time from a socket message to its ack, by event',
    labelNames: ['event'] as const,
    buckets: BUCKETS,
    registers: [this.registry],
  });
  /** One store append (one transaction), whatever the number of events in it. */
  readonly appendSeconds = new Histogram({
    name: 'plenary_event_append_seconds',
    help: 'Event-log append latency (one append = one transaction holding one or more events)',
    buckets: BUCKETS,
    registers: [this.registry],
  });
  readonly appendedEvents = new Counter({
    name: 'plenary_events_appended_total',
    help: 'Events appended to the event log by this process',
    registers: [this.registry],
  });

  constructor(connections: () => number, meetingsLoaded: () => number) {
    new Gauge({
      name: 'plenary_connections',
      help: 'Open Socket.IO connections to this process',
      registers: [this.registry],
      collect() {
        this.set(connections());
      },
    });
    new Gauge({
      name: 'plenary_meetings_loaded',
      help: 'Meetings held in memory by this process',
      registers: [this.registry],
      collect() {
        this.set(meetingsLoaded());
      },
    });
    // nodejs_eventloop_lag_seconds (+ percentiles), nodejs_heap_size_used_bytes, process_resident_memory_bytes, GC…
    collectDefaultMetrics({ register: this.registry });
  }
}

/** Mounts `GET /metrics` (text exposition format). */
export function registerMetricsRoute(app: Express, metrics: PlenaryMetrics, token: string | undefined): void {
  app.get('/metrics', async (req, res, next) => {
    try {
      if (token && !bearerMatches(req.get('authorization'), token)) throw new AppError('unauthorized', 'A metrics token is required');
      res.set('Content-Type', metrics.registry.contentType).send(await metrics.registry.metrics());
    } catch (e) {
      next(e);
    }
  });
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}
