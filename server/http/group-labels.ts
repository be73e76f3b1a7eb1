/**
 * The six stakeholder groups named in each language as headings, for what the server writes itself
 * (minutes, the consultation's compilation): "Gouvernements", "Organizaciones intergubernamentales".
 * The client's `groups` locale namespace names one person's group ("Gouvernement", "Organización
 * intergubernamental"); the two tables share their keys, not their words, so neither is derived
 * from the other (Arabic, Chinese and Russian use one form for both).
 */
import type { Language, StakeholderGroup } from '../../shared/domain/index.js';

export const GROUP_LABELS: Record<Language, Record<StakeholderGroup, string>> = {
  ar: {
    government: 'الحكومات',
    'civil-society': 'المجتمع المدني',
    'private-sector': 'القطاع الخاص',
    academia: 'الأوساط الأكاديمية',
    'technical-community': 'المجتمع التقني',
    intergovernmental: 'المنظمات الحكومية الدولية',
  },
  zh: {
    government: '政府',
    'civil-society': '民间社会',
    'private-sector': '私营部门',
    academia: '学术界',
    'technical-community': '技术界',
    intergovernmental: '政府间组织',
  },
  en: {
    government: 'Government',
    'civil-society': 'Civil society',
    'private-sector': 'Private sector',
    academia: 'Academia',
    'technical-community': 'Technical community',
    intergovernmental: 'Intergovernmental organizations',
  },
  fr: {
    government: 'Gouvernements',
    'civil-society': 'Société civile',
    'private-sector': 'Secteur privé',
    academia: 'Milieux universitaires',
    'technical-community': 'Communauté technique',
    intergovernmental: 'Organisations intergouvernementales',
  },
  es: {
    government: 'Gobiernos',
    'civil-society': 'Sociedad civil',
    'private-sector': 'Sector privado',
    academia: 'Sector académico',
    'technical-community': 'Comunidad técnica',
    intergovernmental: 'Organizaciones intergubernamentales',
  },
  ru: {
    government: 'Правительства',
    'civil-society': 'Гражданское общество',
    'private-sector': 'Частный сектор',
    academia: 'Академические круги',
    'technical-community': 'Техническое сообщество',
    intergovernmental: 'Межправительственные организации',
  },
};
