import { describe, expect, it } from 'vitest';
import { Command } from '../../shared/domain/index.js';
import { csvField } from '../../server/http/csv.js';
import { pollsCsv } from '../../server/http/polls-csv.js';
import { ballotKey, ballotSecret, withBallotKey } from '../../server/transport/ballot-key.js';
import { as, createPoll, meeting, run, vote } from './polls-helpers.js';

const secret = ballotSecret('a-server-secret-of-some-length');
const voteCmd = (ballot?: string) => Command.parse({ type: 'poll:vote', pollId: 'poll7', choices: ['yes'], ...(ballot ? { ballotKey: ballot } : {}) });

describe('ballot keys at the edge', () => {
  it('overwrite a client-supplied key and are stable per meeting, poll and participant', () => {
    const who = { meetingId: 'm1', participantId: 'p1' };
    const a = withBallotKey(voteCmd('forged-key-forged-key'), who, secret);
    const b = withBallotKey(voteCmd(), who, secret);
    expect(a).toMatchObject({ ballotKey: ballotKey(secret, 'm1', 'poll7', 'p1') });
    expect(a).toEqual(b);
    const keys = new Set([
      ballotKey(secret, 'm1', 'poll7', 'p1'),
      ballotKey(secret, 'm1', 'poll7', 'p2'),
      ballotKey(secret, 'm1', 'poll8', 'p1'),
      ballotKey(secret, 'm2', 'poll7', 'p1'),
      ballotKey(ballotSecret('another-server-secret'), 'm1', 'poll7', 'p1'),
    ]);
    expect(keys.size).toBe(5);
    expect(Command.safeParse(a).success).toBe(true);
  });

  it('are dropped without a participant, and other commands pass through untouched', () => {
    expect(withBallotKey(voteCmd('forged-key-forged-key'), { meetingId: 'm1', participantId: null }, secret)).not.toHaveProperty('ballotKey');
    const open = Command.parse({ type: 'poll:open', pollId: 'poll7' });
    expect(withBallotKey(open, { meetingId: 'm1', participantId: 'p1' }, secret)).toBe(open);
  });
});

describe('polls CSV', () => {
  it('quotes and defuses cells', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a, "b"')).toBe('"a, ""b"""');
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
    expect(csvField(null)).toBe('');
  });

  it('has vote rows for named polls only', () => {
    const w = meeting({ a: 'academia', b: 'government' });
    const named = createPoll(w, { question: 'Named?', kind: 'yes_no_abstain' });
    const secretPoll = createPoll(w, { question: 'Secret?', kind: 'yes_no_abstain', secret: true });
    for (const id of [named, secretPoll]) run(w, { type: 'poll:open', pollId: id });
    for (const [p, c] of [['a', 'yes'], ['b', 'no']] as const) {
      run(w, vote(named, p, [c]), as(p));
      run(w, vote(secretPoll, p, [c]), as(p));
    }
    const lines = pollsCsv(w.state).replace(/^\uFEFF/, '').trim().split('\r\n');
    const of = (id: string) => lines.filter((l) => l.startsWith(`${id},`));
    expect(of(named).filter((l) => l.includes(',vote,'))).toHaveLength(2);
    expect(of(secretPoll).filter((l) => l.includes(',vote,'))).toHaveLength(0);
    expect(of(secretPoll).join('\n')).not.toMatch(/Person a|Person b|,a,|,b,/);
    expect(of(secretPoll).filter((l) => l.includes(',turnout,'))[0]).toContain(',2,');
    // Option rows and vote rows carry the option's label beside its key ("yes" → "Yes").
    expect(of(named).find((l) => l.includes(',option,yes,'))).toContain(',option,yes,Yes,1,');
    expect(of(named).find((l) => l.includes(',option,abstain,'))).toContain(',option,abstain,Abstain,0,');
    expect(of(named).filter((l) => l.includes(',vote,')).map((l) => /,vote,(\w+),(\w+),/.exec(l)?.slice(1).join('='))).toEqual(['yes=Yes', 'no=No']);
  });
});
