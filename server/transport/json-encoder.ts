/**
 * How Plenary's Socket.IO packets become text. Two savings, same wire format (clients unaffected):
 *
 * - **No binary scan.** Plenary sends JSON only — no Buffer, no typed array — yet socket.io-parser
 *   walks every outgoing packet in search of binary before it stringifies it (`hasBinary`). For a
 *   join answer holding a 2,000-participant state that walk costs nearly as much as the JSON
 *   itself. (A Buffer emitted by mistake would go out as JSON `{ type: 'Buffer', data: [...] }`.)
 * - **Serialised once.** A value marked with `encodeOnce` (an immutable state, or its roster) is
 *   stringified the first time a packet carries it and that text is reused for every later packet:
 *   a burst of 2,000 joins at one version stringifies the 385 kB public state once, not 2,000
 *   times (docs/performance.md), as ASCII (see `asciiOnly`). While a packet is encoded, a marked value's `toJSON` leaves a
 *   placeholder (with a per-process random nonce, so no text can forge one) that is then replaced
 *   by the cached text; anywhere else `JSON.stringify` sees the value as it is.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'socket.io';

const MARK = `\u0000plenary-json:${randomBytes(12).toString('base64url')}:`;
const textOf = new WeakMap<object, string>();
/** The marked values met by the packet being encoded, in order; null outside the encoder. */
let met: object[] | null = null;

function placeholderOrSelf(this: object): unknown {
  if (!met) return this; // JSON.stringify elsewhere (storage, logs): the value itself
  met.push(this);
  return MARK + (met.length - 1);
}

/**
 * Marks `value` to be stringified once for every packet that will carry it. The caller promises
 * not to change it afterwards (Plenary's states are immutable: a new version is a new object).
 */
export function encodeOnce<T extends object>(value: T): T {
  if (!Object.prototype.hasOwnProperty.call(value, 'toJSON')) {
    Object.defineProperty(value, 'toJSON', { value: placeholderOrSelf, enumerable: false });
  }
  return value;
}

function cachedText(value: object): string {
  let text = textOf.get(value);
  if (text === undefined) {
    text = asciiOnly(JSON.stringify(value)); // `met` is null here: nested marked values serialise in place
    textOf.set(value, text);
  }
  return text;
}

/**
 * The same JSON with every non-ASCII character written as a `\uXXXX` escape. One Arabic or Chinese
 * title makes a JavaScript string two bytes per character, and the websocket then measures and
 * encodes 400 kB of it at twice the cost for every joiner (docs/performance.md); an ASCII text
 * stays one byte per character. Same value once parsed.
 */
const asciiOnly = (json: string): string =>
  json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Replaces each placeholder in `str` with its value's cached text. */
function splice(str: string, values: object[]): string {
  let out = '';
  let from = 0;
  values.forEach((value, i) => {
    const placeholder = JSON.stringify(MARK + i);
    const at = str.indexOf(placeholder, from);
    if (at < 0) return;
    out += str.slice(from, at) + cachedText(value);
    from = at + placeholder.length;
  });
  return out + str.slice(from);
}

/** Makes `io` encode every packet as a plain JSON string, without the binary scan, with `encodeOnce`. */
export function installJsonEncoder(io: Server): void {
  const encoder = io.encoder as unknown as { encode(packet: unknown): unknown[]; encodeAsString(packet: unknown): string };
  encoder.encode = (packet) => {
    met = [];
    let str: string;
    let values: object[];
    try {
      str = encoder.encodeAsString(packet);
    } finally {
      values = met;
      met = null;
    }
    return [values.length ? splice(str, values) : str];
  };
}
