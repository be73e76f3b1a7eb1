/**
 * Plenary sends JSON only over Socket.IO — no Buffer, no typed array — yet socket.io-parser walks
 * every outgoing packet in search of binary before it stringifies it (`hasBinary`). For a join
 * answer holding a 2,000-participant state that walk costs nearly as much as the JSON itself
 * (docs/performance.md). This encoder goes straight to the string form: the wire format is the
 * same, so clients are unaffected. (A Buffer emitted by mistake would go out as JSON
 * `{ type: 'Buffer', data: [...] }` instead of a binary attachment.)
 */
import type { Server } from 'socket.io';

/** Makes `io` encode every packet as a plain JSON string, without the binary scan. */
export function skipBinaryScan(io: Server): void {
  const encoder = io.encoder as unknown as { encode(packet: unknown): unknown[]; encodeAsString(packet: unknown): string };
  encoder.encode = (packet) => [encoder.encodeAsString(packet)];
}
