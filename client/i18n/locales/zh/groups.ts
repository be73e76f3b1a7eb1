/** Names of the six stakeholder groups (Chinese). */
export default {
  government: '政府',
  'civil-society': '民间社会',
  'private-sector': '私营部门',
  academia: '学术界',
  'technical-community': '技术界',
  intergovernmental: '政府间组织',
} as const;
