/** Names of the six stakeholder groups (French). */
export default {
  government: 'Gouvernement',
  'civil-society': 'Société civile',
  'private-sector': 'Secteur privé',
  academia: 'Milieu universitaire',
  'technical-community': 'Communauté technique',
  intergovernmental: 'Organisation intergouvernementale',
} as const;
