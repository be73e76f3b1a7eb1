/**
 * Generator of hostile socket messages for the fault suite: random event names, wrong types, huge
 * and deeply nested payloads, prototype-pollution keys, bidi and zero-width text, forged tokens.
 * Every message is one that must change nothing; `expect` is the error code its ack must carry
 * (or a list of acceptable codes where the server may legitimately answer either).
 */
import { PERMISSIONS } from '../../shared/roles.js';
import { CommandRequest } from '../../shared/protocol.js';
import type { CommandType, Role } from '../../shared/domain/index.js';
import { sampleCommands } from './samples.js';

// Interpreters are covered by the permission matrix (permissions.test.ts); hostile traffic comes from the other roles.
export type Sender = 'anonymous' | Exclude<Role, 'room' | 'interpreter'> | 'room';

export interface Hostile {
  category: string;
  /** Which connection sends it: not joined, or joined with that role. */
  from: Sender;
  event: string;
  payload: unknown;
  /** Acceptable ack codes; empty when no ack is requested. */
  expect: string[];
}

/** Text that must never do anything: bidi overrides, zero-width, markup, formulas, odd Unicode. */
export const NASTY_TEXT = [
  '\u202Egnp.exe\u202C',
  '\u200B\u200C\u200D\u2060\uFEFF',
  '\u2066isolate\u2069\u202Bembed',
  '<script>window.__pwned=1</script>',
  '<img src=x onerror="window.__pwned=1">',
  '**bold** [click](javascript:alert(1)) # heading',
  '=HYPERLINK("http://evil.example","x")',
  '+cmd|" /C calc"!A0',
  '@SUM(1+1)*cmd|" /C calc"!A0',
  'a\u0000b\u0007c\u001b[31m',
  '\uD800 lone surrogate',
  'ﷺ𒐫‮ ﷽ 🏳️‍🌈',
  'BEGIN:VEVENT\r\nSUMMARY:injected',
];

const POLLUTION = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'];
const REAL_EVENTS = ['session:join', 'command', 'session:sync', 'invite:create'];

/** A JSON object with an own key named like a prototype (JSON.parse keeps `__proto__` as data). */
const withOwnKey = (key: string, value: unknown, rest: Record<string, unknown> = {}): Record<string, unknown> =>
  JSON.parse(JSON.stringify(rest).replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value)}${Object.keys(rest).length ? ',' : ''}`)) as Record<string, unknown>;

function nested(depth: number, leaf: unknown = 'x'): unknown {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

export class HostileGenerator {
  private readonly samples = sampleCommands({ participantId: 'p-gov-eg' });

  constructor(
    private readonly random: () => number,
    /** Tokens that must not get in: forged, expired, another meeting's unknown person… */
    private readonly badTokens: Array<{ token: string; code: string }>,
  ) {}

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.random() * xs.length)]!;
  }
  private nasty(): string {
    return this.pick(NASTY_TEXT);
  }
  private junk(): unknown {
    return this.pick<() => unknown>([
      () => null,
      () => 42,
      () => -1.5,
      () => true,
      () => this.nasty(),
      () => [this.nasty(), 1, null],
      () => ({ [this.nasty()]: this.nasty() }),
      () => nested(200),
      () => withOwnKey(this.pick(POLLUTION), { polluted: true, role: 'moderator' }),
      () => 'x'.repeat(12_000),
    ])();
  }

  /** One hostile message. */
  next(): Hostile {
    const kind = this.random();
    if (kind < 0.15) return this.unknownEvent();
    if (kind < 0.25) return this.anonymous();
    if (kind < 0.35) return this.forgedJoin();
    if (kind < 0.55) return this.forbiddenCommand();
    if (kind < 0.9) return this.malformedCommand();
    return this.malformedOther();
  }

  private unknownEvent(): Hostile {
    const name = this.pick<() => string>([
      () => this.pick(POLLUTION),
      () => this.nasty(),
      () => `command${this.pick([' ', '\u200B', '\u202E', ':'])}`,
      () => 'COMMAND',
      () => 'x'.repeat(500),
      () => Math.floor(this.random() * 1e9).toString(36),
      () => `audio:${this.pick(POLLUTION)}`,
    ])();
    const from = this.pick<Sender>(['anonymous', 'participant', 'moderator']);
    return { category: 'unknown event', from, event: name, payload: this.junk(), expect: ['unknown_event'] };
  }

  /** Real events before joining. */
  private anonymous(): Hostile {
    const event = this.pick(REAL_EVENTS.filter((e) => e !== 'session:join'));
    const payload = this.random() < 0.5 ? { command: this.pick(this.samples).command } : this.junk();
    return { category: 'not joined', from: 'anonymous', event, payload, expect: ['unauthorized'] };
  }

  private forgedJoin(): Hostile {
    const bad = this.pick(this.badTokens);
    const payload = this.pick<() => unknown>([
      () => ({ token: bad.token }),
      () => withOwnKey('__proto__', { token: 'x' }, { token: bad.token }),
      () => ({ token: bad.token, since: this.nasty() }),
    ])();
    const shapeOk = typeof (payload as { since?: unknown }).since !== 'string';
    return { category: 'forged token', from: this.pick<Sender>(['anonymous', 'participant']), event: 'session:join', payload, expect: shapeOk ? [bad.code] : ['bad_request'] };
  }

  /** A valid command from a role the table refuses, with nasty text where it takes text. */
  private forbiddenCommand(): Hostile {
    const from = this.pick<Sender>(['participant', 'projector', 'room']);
    const refused = this.samples.filter((s) => !PERMISSIONS[s.type as CommandType].includes(from as Role));
    const { command } = this.pick(refused);
    const text = this.nasty().replace(/[\u0000-\u001f]/g, '').slice(0, 60) || 'x';
    const withText = Object.fromEntries(Object.entries(command).map(([k, v]) => [k, typeof v === 'string' && k !== 'type' && !/Id$/.test(k) && !/At$/.test(k) && k !== 'timeZone' && k !== 'policy' && k !== 'kind' ? text : v]));
    return { category: 'forbidden for role', from, event: 'command', payload: { command: withText }, expect: ['forbidden', 'bad_request'] };
  }

  /** A command no schema accepts, from any joined role (the moderator included). */
  private malformedCommand(): Hostile {
    // Some mutations leave a command valid (a command with no field besides its type): try again.
    for (;;) {
      const m = this.mutatedCommand();
      if (!CommandRequest.safeParse(m.payload).success) return m;
    }
  }

  private mutatedCommand(): Hostile {
    const from = this.pick<Sender>(['moderator', 'participant', 'projector']);
    const { command } = this.pick(this.samples);
    const keys = Object.keys(command).filter((k) => k !== 'type');
    const broken = this.pick<() => unknown>([
      () => null,
      () => this.junk(),
      () => ({ command: null }),
      () => ({ command: { ...command, type: `${command.type as string}\u200B` } }),
      () => ({ command: { ...command, type: this.pick(POLLUTION) } }),
      // a required field moved under a prototype-looking key: must not be found there
      () => ({ command: withOwnKey(this.pick(POLLUTION), command, { type: command.type }) }),
      () => ({ command: { type: 'agenda:add', title: this.nasty(), plannedMinutes: this.pick<unknown>(['5', -1, 1.5, null, 1e12, nested(50)]) } }),
      () => ({ command: { type: 'agenda:add', title: 'x'.repeat(12_000), plannedMinutes: 5 } }),
      () => ({ command: { type: 'agenda:add', title: nested(300), plannedMinutes: 5 } }),
      () => ({ command: { type: 'poll:create', question: this.nasty(), kind: 'single', options: Array.from({ length: 500 }, () => 'o') } }),
      () => ({ command: { ...command }, expectedVersion: this.pick<unknown>([-1, 1.5, '3', null, {}]) }),
      () => (keys.length ? { command: { ...command, [this.pick(keys)]: this.pick<unknown>([nested(100), { __proto__: null }, [], 1e308]) } } : { command: { type: 42 } }),
    ])();
    return { category: 'malformed command', from, event: 'command', payload: broken, expect: ['bad_request'] };
  }

  private malformedOther(): Hostile {
    const from = this.pick<Sender>(['moderator', 'participant']);
    const event = this.pick(['session:sync', 'invite:create', 'session:join', 'audio:join', 'audio:createTransport', 'audio:consume', 'audio:setMuted']);
    const payload = this.pick<() => unknown>([
      () => ({ since: this.pick<unknown>([-1, 'x', 1.5, null, nested(80)]) }),
      () => ({ role: this.nasty(), ttlHours: -3 }),
      () => ({ token: this.pick<unknown>([1, null, 'short', 'x'.repeat(3_000)]) }),
      () => ({ direction: this.nasty(), transportId: nested(60) }),
      () => withOwnKey('__proto__', { since: 0 }),
    ])();
    // invite:create refuses participants by role only once the payload is valid; junk is always bad_request.
    const audio = event.startsWith('audio:');
    return { category: 'malformed other', from, event, payload, expect: audio ? ['bad_request', 'audio.unavailable'] : ['bad_request'] };
  }
}
