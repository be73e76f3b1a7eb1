/**
 * Headings of the server's documents (compilation, calendar) in the six languages: the reader picks
 * one with `?lang=`. The client has its own translations; these are the server's. Names of
 * stakeholder groups and WSIS Action Lines follow the UN's usual wording in each language.
 */
import type { ActionLine, CallKind, Language, StakeholderGroup, SubmissionStatus } from '../../shared/domain/index.js';
import { GROUP_LABELS } from '../http/group-labels.js';

export interface Headings {
  compilation: string;
  scopePublished: string;
  scopeAccepted: string;
  generated: string;
  total: string;
  submissions: string;
  noTheme: string;
  noSubmissions: string;
  byGroup: string;
  reference: string;
  author: string;
  organisation: string;
  group: string;
  country: string;
  language: string;
  call: string;
  theme: string;
  actionLines: string;
  title: string;
  text: string;
  attachment: string;
  submitted: string;
  status: string;
  count: string;
  deadline: string;
  timeZone: string;
  calls: Record<CallKind, string>;
  groups: Record<StakeholderGroup, string>;
  statuses: Record<SubmissionStatus, string>;
  actionLineNames: Record<ActionLine, string>;
}

const en: Headings = {
  compilation: 'Compilation of submissions',
  scopePublished: 'Published submissions (accepted, with the authors’ consent)',
  scopeAccepted: 'All accepted submissions (secretariat copy, not for publication)',
  generated: 'Generated',
  total: 'Total',
  submissions: 'submissions',
  noTheme: 'No theme',
  noSubmissions: 'No submissions.',
  byGroup: 'Submissions by stakeholder group',
  reference: 'Reference',
  author: 'Name',
  organisation: 'Organisation',
  group: 'Stakeholder group',
  country: 'Country',
  language: 'Language',
  call: 'Call',
  theme: 'Theme',
  actionLines: 'WSIS Action Lines',
  title: 'Title',
  text: 'Text',
  attachment: 'Attachment',
  submitted: 'Submitted',
  status: 'Status',
  count: 'Count',
  deadline: 'Deadline',
  timeZone: 'Time zone',
  calls: {
    thematic: 'Contributions on thematic aspects',
    format: 'Contributions on format innovations',
    'hlt-nomination': 'Nominations of High-Level Track facilitators',
    'regional-input': 'Inputs from regional and national events',
  },
  groups: GROUP_LABELS.en,
  statuses: { received: 'Received', accepted: 'Accepted', declined: 'Declined', duplicate: 'Duplicate', withdrawn: 'Withdrawn' },
  actionLineNames: {
    C1: 'The role of governments and all stakeholders in the promotion of ICTs for development',
    C2: 'Information and communication infrastructure',
    C3: 'Access to information and knowledge',
    C4: 'Capacity building',
    C5: 'Building confidence and security in the use of ICTs',
    C6: 'Enabling environment',
    C7: 'ICT applications',
    C8: 'Cultural diversity and identity, linguistic diversity and local content',
    C9: 'Media',
    C10: 'Ethical dimensions of the Information Society',
    C11: 'International and regional cooperation',
  },
};

const fr: Headings = {
  compilation: 'Compilation des contributions',
  scopePublished: 'Contributions publiées (acceptées, avec le consentement des auteurs)',
  scopeAccepted: 'Toutes les contributions acceptées (copie du secrétariat, non destinée à la publication)',
  generated: 'Généré le',
  total: 'Total',
  submissions: 'contributions',
  noTheme: 'Sans thème',
  noSubmissions: 'Aucune contribution.',
  byGroup: 'Contributions par groupe de parties prenantes',
  reference: 'Référence',
  author: 'Nom',
  organisation: 'Organisation',
  group: 'Groupe de parties prenantes',
  country: 'Pays',
  language: 'Langue',
  call: 'Appel',
  theme: 'Thème',
  actionLines: 'Grandes orientations du SMSI',
  title: 'Titre',
  text: 'Texte',
  attachment: 'Pièce jointe',
  submitted: 'Soumise le',
  status: 'Statut',
  count: 'Nombre',
  deadline: 'Date limite',
  timeZone: 'Fuseau horaire',
  calls: {
    thematic: 'Contributions sur les aspects thématiques',
    format: 'Contributions sur les innovations de format',
    'hlt-nomination': 'Candidatures de facilitateurs du segment de haut niveau',
    'regional-input': 'Contributions des manifestations régionales et nationales',
  },
  groups: GROUP_LABELS.fr,
  statuses: { received: 'Reçue', accepted: 'Acceptée', declined: 'Refusée', duplicate: 'Doublon', withdrawn: 'Retirée' },
  actionLineNames: {
    C1: 'Rôle des gouvernements et de toutes les parties prenantes dans la promotion des TIC pour le développement',
    C2: 'Infrastructure de l’information et de la communication',
    C3: 'Accès à l’information et au savoir',
    C4: 'Renforcement des capacités',
    C5: 'Établir la confiance et la sécurité dans l’utilisation des TIC',
    C6: 'Environnement propice',
    C7: 'Applications des TIC',
    C8: 'Diversité et identité culturelles, diversité linguistique et contenus locaux',
    C9: 'Médias',
    C10: 'Dimensions éthiques de la société de l’information',
    C11: 'Coopération internationale et régionale',
  },
};

const es: Headings = {
  compilation: 'Compilación de contribuciones',
  scopePublished: 'Contribuciones publicadas (aceptadas, con el consentimiento de sus autores)',
  scopeAccepted: 'Todas las contribuciones aceptadas (copia de la secretaría, no para publicación)',
  generated: 'Generado',
  total: 'Total',
  submissions: 'contribuciones',
  noTheme: 'Sin tema',
  noSubmissions: 'No hay contribuciones.',
  byGroup: 'Contribuciones por grupo de partes interesadas',
  reference: 'Referencia',
  author: 'Nombre',
  organisation: 'Organización',
  group: 'Grupo de partes interesadas',
  country: 'País',
  language: 'Idioma',
  call: 'Convocatoria',
  theme: 'Tema',
  actionLines: 'Líneas de Acción de la CMSI',
  title: 'Título',
  text: 'Texto',
  attachment: 'Anexo',
  submitted: 'Enviada',
  status: 'Estado',
  count: 'Número',
  deadline: 'Plazo',
  timeZone: 'Huso horario',
  calls: {
    thematic: 'Contribuciones sobre los aspectos temáticos',
    format: 'Contribuciones sobre innovaciones del formato',
    'hlt-nomination': 'Candidaturas de facilitadores del segmento de alto nivel',
    'regional-input': 'Aportes de eventos regionales y nacionales',
  },
  groups: GROUP_LABELS.es,
  statuses: { received: 'Recibida', accepted: 'Aceptada', declined: 'Rechazada', duplicate: 'Duplicada', withdrawn: 'Retirada' },
  actionLineNames: {
    C1: 'Papel de los gobiernos y de todas las partes interesadas en la promoción de las TIC para el desarrollo',
    C2: 'Infraestructura de la información y la comunicación',
    C3: 'Acceso a la información y al conocimiento',
    C4: 'Creación de capacidades',
    C5: 'Crear confianza y seguridad en la utilización de las TIC',
    C6: 'Entorno habilitador',
    C7: 'Aplicaciones de las TIC',
    C8: 'Diversidad e identidad culturales, diversidad lingüística y contenido local',
    C9: 'Medios de comunicación',
    C10: 'Dimensiones éticas de la sociedad de la información',
    C11: 'Cooperación internacional y regional',
  },
};

const ru: Headings = {
  compilation: 'Сводка материалов',
  scopePublished: 'Опубликованные материалы (принятые, с согласия авторов)',
  scopeAccepted: 'Все принятые материалы (экземпляр секретариата, не для публикации)',
  generated: 'Сформировано',
  total: 'Итого',
  submissions: 'материалов',
  noTheme: 'Без темы',
  noSubmissions: 'Материалов нет.',
  byGroup: 'Материалы по группам заинтересованных сторон',
  reference: 'Номер',
  author: 'Имя',
  organisation: 'Организация',
  group: 'Группа заинтересованных сторон',
  country: 'Страна',
  language: 'Язык',
  call: 'Призыв',
  theme: 'Тема',
  actionLines: 'Направления деятельности ВВУИО',
  title: 'Заголовок',
  text: 'Текст',
  attachment: 'Вложение',
  submitted: 'Подано',
  status: 'Статус',
  count: 'Количество',
  deadline: 'Срок',
  timeZone: 'Часовой пояс',
  calls: {
    thematic: 'Вклады по тематическим аспектам',
    format: 'Вклады по инновациям формата',
    'hlt-nomination': 'Выдвижение кандидатур ведущих сегмента высокого уровня',
    'regional-input': 'Материалы региональных и национальных мероприятий',
  },
  groups: GROUP_LABELS.ru,
  statuses: { received: 'Получено', accepted: 'Принято', declined: 'Отклонено', duplicate: 'Дубликат', withdrawn: 'Отозвано' },
  actionLineNames: {
    C1: 'Роль правительств и всех заинтересованных сторон в содействии использованию ИКТ в целях развития',
    C2: 'Информационно-коммуникационная инфраструктура',
    C3: 'Доступ к информации и знаниям',
    C4: 'Создание потенциала',
    C5: 'Укрепление доверия и безопасности при использовании ИКТ',
    C6: 'Благоприятная среда',
    C7: 'Применение ИКТ',
    C8: 'Культурное разнообразие и самобытность, языковое разнообразие и местный контент',
    C9: 'Средства массовой информации',
    C10: 'Этические аспекты информационного общества',
    C11: 'Международное и региональное сотрудничество',
  },
};

const zh: Headings = {
  compilation: '提交材料汇编',
  scopePublished: '已公布的提交材料（已接受并经作者同意）',
  scopeAccepted: '全部已接受的提交材料（秘书处副本，不对外公布）',
  generated: '生成时间',
  total: '合计',
  submissions: '份材料',
  noTheme: '无主题',
  noSubmissions: '暂无提交材料。',
  byGroup: '按利益攸关方群体分列的提交材料',
  reference: '编号',
  author: '姓名',
  organisation: '组织',
  group: '利益攸关方群体',
  country: '国家',
  language: '语言',
  call: '征集',
  theme: '主题',
  actionLines: '信息社会世界峰会行动方面',
  title: '标题',
  text: '正文',
  attachment: '附件',
  submitted: '提交时间',
  status: '状态',
  count: '数量',
  deadline: '截止日期',
  timeZone: '时区',
  calls: {
    thematic: '关于专题方面的意见',
    format: '关于形式创新的意见',
    'hlt-nomination': '高级别会议主持人提名',
    'regional-input': '区域和国家活动的意见',
  },
  groups: GROUP_LABELS.zh,
  statuses: { received: '已收到', accepted: '已接受', declined: '已拒绝', duplicate: '重复', withdrawn: '已撤回' },
  actionLineNames: {
    C1: '政府和所有利益攸关方在促进信息通信技术促进发展方面的作用',
    C2: '信息和通信基础设施',
    C3: '获取信息和知识',
    C4: '能力建设',
    C5: '建立使用信息通信技术的信心和安全',
    C6: '有利环境',
    C7: '信息通信技术应用',
    C8: '文化多样性和特性、语言多样性和本地内容',
    C9: '媒体',
    C10: '信息社会的伦理层面',
    C11: '国际和区域合作',
  },
};

const ar: Headings = {
  compilation: 'تجميع المساهمات',
  scopePublished: 'المساهمات المنشورة (المقبولة، بموافقة أصحابها)',
  scopeAccepted: 'جميع المساهمات المقبولة (نسخة الأمانة، ليست للنشر)',
  generated: 'أُعدّ في',
  total: 'المجموع',
  submissions: 'مساهمات',
  noTheme: 'بدون موضوع',
  noSubmissions: 'لا توجد مساهمات.',
  byGroup: 'المساهمات حسب فئة أصحاب المصلحة',
  reference: 'الرقم المرجعي',
  author: 'الاسم',
  organisation: 'المنظمة',
  group: 'فئة أصحاب المصلحة',
  country: 'البلد',
  language: 'اللغة',
  call: 'الدعوة',
  theme: 'الموضوع',
  actionLines: 'خطوط عمل القمة العالمية لمجتمع المعلومات',
  title: 'العنوان',
  text: 'النص',
  attachment: 'المرفق',
  submitted: 'تاريخ التقديم',
  status: 'الحالة',
  count: 'العدد',
  deadline: 'الموعد النهائي',
  timeZone: 'المنطقة الزمنية',
  calls: {
    thematic: 'مساهمات بشأن الجوانب المواضيعية',
    format: 'مساهمات بشأن الابتكارات في الشكل',
    'hlt-nomination': 'ترشيحات ميسّري الجزء الرفيع المستوى',
    'regional-input': 'مدخلات من الأحداث الإقليمية والوطنية',
  },
  groups: GROUP_LABELS.ar,
  statuses: { received: 'مستلمة', accepted: 'مقبولة', declined: 'مرفوضة', duplicate: 'مكررة', withdrawn: 'مسحوبة' },
  actionLineNames: {
    C1: 'دور الحكومات وجميع أصحاب المصلحة في تعزيز تكنولوجيا المعلومات والاتصالات من أجل التنمية',
    C2: 'البنية التحتية للمعلومات والاتصالات',
    C3: 'النفاذ إلى المعلومات والمعارف',
    C4: 'بناء القدرات',
    C5: 'بناء الثقة والأمن في استعمال تكنولوجيا المعلومات والاتصالات',
    C6: 'البيئة التمكينية',
    C7: 'تطبيقات تكنولوجيا المعلومات والاتصالات',
    C8: 'التنوع الثقافي والهوية الثقافية والتنوع اللغوي والمحتوى المحلي',
    C9: 'وسائط الإعلام',
    C10: 'الأبعاد الأخلاقية لمجتمع المعلومات',
    C11: 'التعاون الدولي والإقليمي',
  },
};

export const HEADINGS: Record<Language, Headings> = { ar, zh, en, fr, es, ru };

/** The headings for a language (English for anything else). */
export const headingsFor = (lang: Language): Headings => HEADINGS[lang] ?? en;
