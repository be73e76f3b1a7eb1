/**
 * Who a connection is once joined, kept in `socket.data.session`, and the typed Socket.IO aliases.
 */
import type { Server, Socket } from 'socket.io';
import type { Actor, Role } from '../../shared/domain/index.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/protocol.js';

export interface Session {
  meetingId: string;
  role: Role;
  participantId: string | null;
  /** The actor commands from this connection run as. */
  actor: Actor;
  joinedAt: number;
  /** Whose connection this is for MAX_CONNECTIONS_PER_TOKEN: the person, or the link if it names nobody. */
  holder: string;
}

export interface SocketData {
  session: Session | null;
}

/** Between server processes (Redis adapter only). */
export interface InterServerEvents {
  /** Another process appended events to this meeting: catch up if it is loaded here. */
  'meeting:appended': (meetingId: string, version: number, urgentForPublic?: boolean) => void;
}
export type PlenaryServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type PlenarySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/**
 * The Socket.IO room of a meeting: every joined connection of that meeting is in it. Meeting
 * events go to its audience rooms instead (`audienceRoom` in audience.ts): full or redacted.
 */
export const meetingRoom = (meetingId: string) => `meeting:${meetingId}`;
