/** Removing participants and revoking invitation links (English). */
export default {
  remove: {
    action: 'Remove from meeting',
    actionNamed: 'Remove from meeting: {name}',
    confirmTitle: 'Remove {name} from the meeting?',
    explain: 'They are disconnected at once and cannot rejoin with their link. Their open requests to speak are withdrawn; their past interventions stay in the record.',
    reason: 'Reason (optional, seen only by moderators)',
    confirm: 'Remove',
    cancel: 'Cancel',
    done: '{name} was removed from the meeting.',
  },
  removed: {
    title: 'Removed',
    reason: 'Reason: {reason}',
    restore: 'Restore',
    restoreNamed: 'Restore {name}',
    restored: '{name} may join the meeting again.',
  },
  page: {
    title: 'You are no longer in this meeting',
    hint: 'If you think this is a mistake, contact the meeting secretariat.',
  },
  invites: {
    title: 'Active links',
    none: 'No active links.',
    created: 'Created {date}',
    expires: 'Valid until {date}',
    revoke: 'Revoke',
    revokeNamed: 'Revoke the {role} link created {date}',
    confirm: 'Revoke this link? Nobody can join with it any more; people who already joined stay.',
    revoked: 'Link revoked.',
  },
} as const;
