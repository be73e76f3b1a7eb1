/** Removing participants and revoking invitation links (Arabic). */
export default {
  remove: {
    action: 'إخراج من الاجتماع',
    actionNamed: 'إخراج من الاجتماع: {name}',
    confirmTitle: 'هل تريد إخراج {name} من الاجتماع؟',
    explain: 'يُقطع اتصاله فورًا ولا يمكنه العودة برابطه. تُسحب طلباته المعلّقة لأخذ الكلمة، وتبقى مداخلاته السابقة في السجل.',
    reason: 'السبب (اختياري، لا يراه إلا مديرو الجلسة)',
    confirm: 'إخراج',
    cancel: 'إلغاء',
    done: 'أُخرج {name} من الاجتماع.',
  },
  removed: {
    title: 'المُخرَجون',
    reason: 'السبب: {reason}',
    restore: 'إعادة',
    restoreNamed: 'إعادة {name}',
    restored: 'يمكن لـ {name} الانضمام إلى الاجتماع مجددًا.',
  },
  page: {
    title: 'لم تعد مشاركًا في هذا الاجتماع',
    hint: 'إذا كنت تعتقد أن هذا خطأ، فاتصل بأمانة الاجتماع.',
  },
  invites: {
    title: 'الروابط السارية',
    none: 'لا توجد روابط سارية.',
    created: 'أُنشئ في {date}',
    expires: 'صالح حتى {date}',
    revoke: 'سحب',
    revokeNamed: 'سحب رابط {role} الذي أُنشئ في {date}',
    confirm: 'هل تريد سحب هذا الرابط؟ لن يتمكن أحد من الانضمام به بعد الآن، ويبقى من انضم من قبل.',
    revoked: 'سُحب الرابط.',
  },
} as const;
