/** Names of the six stakeholder groups (Spanish). */
export default {
  government: 'Gobierno',
  'civil-society': 'Sociedad civil',
  'private-sector': 'Sector privado',
  academia: 'Mundo académico',
  'technical-community': 'Comunidad técnica',
  intergovernmental: 'Organización intergubernamental',
} as const;
