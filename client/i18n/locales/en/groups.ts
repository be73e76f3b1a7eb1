/** Names of the six stakeholder groups (English). */
export default {
  government: 'Government',
  'civil-society': 'Civil society',
  'private-sector': 'Private sector',
  academia: 'Academia',
  'technical-community': 'Technical community',
  intergovernmental: 'Intergovernmental organization',
} as const;
