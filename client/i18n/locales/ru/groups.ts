/** Names of the six stakeholder groups (Russian). */
export default {
  government: 'Правительства',
  'civil-society': 'Гражданское общество',
  'private-sector': 'Частный сектор',
  academia: 'Академические круги',
  'technical-community': 'Техническое сообщество',
  intergovernmental: 'Межправительственные организации',
} as const;
