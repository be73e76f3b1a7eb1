/**
 * Who may issue which command: the one permission table. `system` is the server itself.
 * Finer rules (a participant may only withdraw their own request) live in the concern's decide.
 */
import type { Role } from './domain/common.js';
import type { CommandType } from './domain/index.js';

type Who = Role | 'system';
const M: readonly Who[] = ['moderator', 'system'];
const MP: readonly Who[] = ['moderator', 'participant', 'system'];
const SYS: readonly Who[] = ['system'];
/** Interpreters act on their own booth (checked in decide); moderators on any booth. */
const MI: readonly Who[] = ['moderator', 'interpreter', 'system'];
const I: readonly Who[] = ['interpreter', 'system'];

export const PERMISSIONS: { readonly [K in CommandType]: readonly Who[] } = {
  'meeting:create': SYS,
  'meeting:update': M,
  'participant:register': SYS,
  'participant:update': ['moderator', 'participant', 'interpreter', 'system'],
  'participant:presence': SYS,
  'agenda:add': M,
  'agenda:edit': M,
  'agenda:move': M,
  'agenda:remove': M,
  'agenda:setCurrent': M,
  // speaking queue: participants act on their own requests (checked in decide), moderators on all
  'queue:request': MP,
  'queue:withdraw': MP,
  'queue:add': M,
  'queue:next': M,
  'queue:give': M,
  'queue:pause': M,
  'queue:resume': M,
  'queue:end': M,
  // only the floor holder, checked in decide
  'queue:yield': MP,
  'queue:putBack': M,
  'queue:remove': M,
  'queue:move': M,
  'queue:close': M,
  'queue:reopen': M,
  'queue:clear': M,
  'queue:undo': M,
  'queue:setPolicy': M,
  'queue:setTimeLimit': M,
  'queue:setSpeakerLimit': M,
  'queue:refuse': M,
  'queue:allowMultiple': M,
  'queue:setProjectorStats': M,
  'poll:create': M,
  'poll:update': M,
  'poll:open': M,
  'poll:close': M,
  'poll:reopen': M,
  'poll:publish': M,
  'poll:cancel': M,
  'poll:vote': ['moderator', 'participant'],
  'poll:showOnProjector': M,
  'poll:hideFromProjector': M,
  // moderation: removing people and revoking links; the server records the links it mints
  'participant:remove': M,
  'participant:restore': M,
  'invite:minted': SYS,
  'invite:revoke': M,
  // interpretation booths
  'booth:open': M,
  'booth:close': M,
  'booth:takeAir': I,
  'booth:leaveAir': MI,
  'booth:handover': I,
  'booth:cancelHandover': I,
  'booth:setSource': MI,
  'booth:slowDown': I,
  'booth:clearSlowDown': M,
};

export function isAllowed(role: Who, type: CommandType): boolean {
  return PERMISSIONS[type]?.includes(role) ?? false;
}

/** Roles that can see and drive the moderator console. */
export const isModerator = (role: Who) => role === 'moderator' || role === 'system';
