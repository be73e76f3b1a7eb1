/**
 * A scripted meeting for fault runs: a moderator and a few participants sending commands (agenda,
 * speaking queue, polls, votes) at a human-ish pace, each bot pausing while its client is not
 * connected. Every command and its ack is recorded; commands that carry text carry a unique tag,
 * so the log can be searched for them (acked ⇒ present once, never twice).
 */
import type { PlenaryClient } from '../../client/lib/plenary-client.js';
import type { CommandInput } from '../../shared/domain/index.js';
import { sleep } from './kit.js';

export interface Sent {
  by: string;
  type: string;
  /** Unique text inside the command (agenda title, request note, poll question), if any. */
  tag?: string;
  ok: boolean;
  /** The meeting version the ok ack reported (after the command's events). */
  version?: number;
  code?: string;
}

export class MeetingScript {
  readonly sent: Sent[] = [];
  private running = false;
  private loops: Promise<void>[] = [];
  private seq = 0;

  constructor(
    private readonly moderator: PlenaryClient,
    private readonly participants: PlenaryClient[],
    /** Pause between one bot's commands, ms (keeps each client under the rate limit). */
    private readonly paceMs = 80,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loops = [this.loop('moderator', this.moderator, () => this.moderatorStep()), ...this.participants.map((c, i) => this.loop(`p${i}`, c, () => this.participantStep(c)))];
  }

  /** Stops the bots and waits for their last commands to settle (acked or failed). */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  acked(): Sent[] {
    return this.sent.filter((s) => s.ok);
  }

  private async loop(by: string, client: PlenaryClient, step: () => CommandInput | null): Promise<void> {
    while (this.running) {
      if (client.status !== 'connected' || !client.state) {
        await sleep(20);
        continue;
      }
      const command = step();
      if (command) {
        const tag = tagOf(command);
        const ack = await client.send(command);
        this.sent.push(ack.ok ? { by, type: command.type, ...(tag ? { tag } : {}), ok: true, version: ack.data.version } : { by, type: command.type, ...(tag ? { tag } : {}), ok: false, code: ack.error.code });
      }
      await sleep(this.paceMs);
    }
  }

  private tag(kind: string): string {
    return `${kind}-${process.pid}-${++this.seq}`;
  }

  private modStep = 0;
  private moderatorStep(): CommandInput | null {
    const s = this.moderator.state!;
    const lastPoll = s.polls.order.at(-1);
    const poll = lastPoll ? s.polls.byId[lastPoll] : undefined;
    switch (this.modStep++ % 6) {
      case 0:
        return { type: 'agenda:add', title: this.tag('item'), plannedMinutes: 5 };
      case 1:
        return { type: 'queue:next' };
      case 2:
        return { type: 'poll:create', question: this.tag('poll'), kind: 'yes_no_abstain' };
      case 3:
        return poll?.status === 'draft' ? { type: 'poll:open', pollId: lastPoll! } : null;
      case 4:
        return s.queue.current ? { type: 'queue:end' } : null;
      default:
        return poll?.status === 'open' ? { type: 'poll:close', pollId: lastPoll! } : null;
    }
  }

  private participantStep(c: PlenaryClient): CommandInput | null {
    const s = c.state!;
    const me = c.me!.participantId!;
    const open = s.polls.order.map((id) => s.polls.byId[id]!).find((p) => p.status === 'open');
    if (open && Math.random() < 0.4) return { type: 'poll:vote', pollId: open.id, choices: [(['yes', 'no', 'abstain'] as const)[Math.floor(Math.random() * 3)]!] };
    const item = s.agenda.currentItemId;
    const mine = item ? s.queue.lists[item]?.entries.find((e) => e.participantId === me) : undefined;
    if (mine) return Math.random() < 0.5 ? { type: 'queue:withdraw', entryId: mine.id } : null;
    return { type: 'queue:request', note: this.tag('note') };
  }
}

function tagOf(c: CommandInput): string | undefined {
  if (c.type === 'agenda:add') return c.title;
  if (c.type === 'poll:create') return c.question;
  if (c.type === 'queue:request') return c.note;
  return undefined;
}
