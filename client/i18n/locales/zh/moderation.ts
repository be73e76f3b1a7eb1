/** Removing participants and revoking invitation links (Chinese). */
export default {
  remove: {
    action: '移出会议',
    actionNamed: '移出会议：{name}',
    confirmTitle: '将{name}移出会议？',
    explain: '此人将立即断开连接，且无法再用其链接重新加入。其待发言申请将被撤回；其以往发言仍保留在记录中。',
    reason: '原因（可选，仅主持人可见）',
    confirm: '移出',
    cancel: '取消',
    done: '已将{name}移出会议。',
  },
  removed: {
    title: '已移出',
    reason: '原因：{reason}',
    restore: '恢复',
    restoreNamed: '恢复{name}',
    restored: '{name}可以重新加入会议。',
  },
  page: {
    title: '您已不在本次会议中',
    hint: '如您认为这是误操作，请联系会议秘书处。',
  },
  invites: {
    title: '有效链接',
    none: '没有有效链接。',
    created: '创建于{date}',
    expires: '有效期至{date}',
    revoke: '撤销',
    revokeNamed: '撤销{date}创建的{role}链接',
    confirm: '撤销此链接？此后任何人都无法用它加入；已加入者不受影响。',
    revoked: '链接已撤销。',
  },
} as const;
