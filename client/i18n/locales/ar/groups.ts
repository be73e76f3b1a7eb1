/** Names of the six stakeholder groups (Arabic). */
export default {
  government: 'الحكومات',
  'civil-society': 'المجتمع المدني',
  'private-sector': 'القطاع الخاص',
  academia: 'الأوساط الأكاديمية',
  'technical-community': 'المجتمع التقني',
  intergovernmental: 'المنظمات الحكومية الدولية',
} as const;
