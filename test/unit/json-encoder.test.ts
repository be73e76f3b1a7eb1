/**
 * The server's packet encoder (server/transport/json-encoder.ts): plain JSON on the wire, and a
 * value marked with `encodeOnce` stringified once and spliced into every packet that carries it.
 */
import { describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { encodeOnce, installJsonEncoder } from '../../server/transport/json-encoder.js';

function encoder() {
  const io = new Server();
  installJsonEncoder(io);
  const enc = io.encoder as unknown as { encode(packet: unknown): string[] };
  return { encode: (data: unknown) => enc.encode({ type: 2, nsp: '/', data }) };
}

describe('installJsonEncoder', () => {
  it('encodes like socket.io-parser, marked values included', () => {
    const { encode } = encoder();
    const roster = encodeOnce({ p1: { name: 'Ana "Ñ" \u0000 ‎عربي', present: true } });
    const state = { version: 3, participants: roster, list: [roster, { x: 1 }] };
    const [text] = encode(['meeting:joined', state, roster]);
    expect(text!.startsWith('2["meeting:joined",{"version":3,"participants":{"p1":{"name":"Ana \\"\\u00d1\\" \\u0000 \\u200e\\u0639')).toBe(true);
    expect(JSON.parse(text!.slice(1))).toEqual(['meeting:joined', state, roster]);
    // Marked values go out as ASCII (escapes), so a two-byte title does not double the packet's cost.
    expect(/^[\x00-\x7f]*$/.test(text!)).toBe(true);
    // Unmarked values exactly as socket.io-parser writes them.
    expect(encode(['x', { t: 'عربي' }])[0]).toBe('2' + JSON.stringify(['x', { t: 'عربي' }]));
  });

  it('stringifies a marked value once: later packets reuse its text', () => {
    const { encode } = encoder();
    const state = encodeOnce({ version: 1, title: 'first' });
    const [first] = encode(['x', { state }]);
    (state as { title: string }).title = 'changed'; // marked values must not change; this shows the cache
    const [second] = encode(['x', { state }]);
    expect(second).toBe(first);
    expect(JSON.parse(second!.slice(1))).toEqual(['x', { state: { version: 1, title: 'first' } }]);
    // Anywhere else JSON.stringify sees the value as it is.
    expect(JSON.parse(JSON.stringify(state))).toEqual({ version: 1, title: 'changed' });
  });

  it('cannot be fooled by text that looks like a placeholder', () => {
    const { encode } = encoder();
    const marked = encodeOnce({ secret: 'roster' });
    const forged = '\u0000plenary-json:AAAAAAAAAAAAAAAA:0';
    const [text] = encode(['x', { title: forged, marked }]);
    expect(JSON.parse(text!.slice(1))).toEqual(['x', { title: forged, marked: { secret: 'roster' } }]);
  });
});
