/**
 * The WSIS Forum 2021 open consultation as demo data (/work/shared/seed/README.md): the five phases
 * with the dates and times of the invitation letter (host zone Europe/Zurich), the four calls, the
 * Forum's themes, translated into the six languages. Sample submissions are fictional.
 */
import type { ConsultationCommandInput, Translatable } from '../../shared/domain/index.js';

export const WSIS_CONSULTATION_ID = 'wsis2021';

/** All six languages, English original. */
const t6 = (en: string, fr: string, es: string, ru: string, zh: string, ar: string): Translatable => ({ original: 'en', text: { en, fr, es, ru, zh, ar } });

export const WSIS_INFO = {
  title: t6(
    'WSIS Forum 2021 — Open Consultation Process',
    'Forum du SMSI 2021 — Processus de consultation ouverte',
    'Foro de la CMSI 2021 — Proceso de consulta abierta',
    'Форум ВВУИО 2021 — Процесс открытых консультаций',
    '2021年信息社会世界峰会论坛 — 公开磋商进程',
    'منتدى القمة العالمية لمجتمع المعلومات 2021 — عملية التشاور المفتوحة',
  ),
  description: t6(
    'Open consultation on the thematic aspects and the innovations of the format of the WSIS Forum 2021, organised by ITU, UNESCO, UNDP and UNCTAD with the WSIS Action Line facilitators. The Forum’s programme is built from your official submissions and nominations and from the inputs of regional and national events.',
    'Consultation ouverte sur les aspects thématiques et les innovations du format du Forum du SMSI 2021, organisée par l’UIT, l’UNESCO, le PNUD et la CNUCED avec les facilitateurs des grandes orientations du SMSI. Le programme du Forum est construit à partir de vos contributions officielles, de vos candidatures et des apports des manifestations régionales et nationales.',
    'Consulta abierta sobre los aspectos temáticos y las innovaciones del formato del Foro de la CMSI 2021, organizada por la UIT, la UNESCO, el PNUD y la UNCTAD con los facilitadores de las Líneas de Acción de la CMSI. El programa del Foro se elabora a partir de sus contribuciones oficiales, candidaturas y los aportes de eventos regionales y nacionales.',
    'Открытые консультации по тематическим аспектам и инновациям формата Форума ВВУИО 2021 года, организуемые МСЭ, ЮНЕСКО, ПРООН и ЮНКТАД совместно с координаторами направлений деятельности ВВУИО. Программа Форума формируется на основе ваших официальных материалов, кандидатур и итогов региональных и национальных мероприятий.',
    '关于2021年信息社会世界峰会论坛专题方面和形式创新的公开磋商，由国际电联、教科文组织、开发署和贸发会议与信息社会世界峰会各行动方面的协调方共同组织。论坛议程根据各方提交的正式意见、提名以及区域和国家活动的意见制定。',
    'تشاور مفتوح بشأن الجوانب المواضيعية والابتكارات في شكل منتدى القمة العالمية لمجتمع المعلومات لعام 2021، ينظمه الاتحاد الدولي للاتصالات واليونسكو وبرنامج الأمم المتحدة الإنمائي والأونكتاد مع ميسّري خطوط عمل القمة. يُبنى برنامج المنتدى من مساهماتكم الرسمية وترشيحاتكم ومن مدخلات الأحداث الإقليمية والوطنية.',
  ),
  timeZone: 'Europe/Zurich',
  refPrefix: 'WSIS2021',
};

export const WSIS_PHASES: ConsultationCommandInput[] = [
  {
    type: 'phase:add',
    phaseId: 'opening',
    phase: {
      kind: 'opening',
      date: '2020-09-09',
      startTime: '15:00',
      endTime: '16:00',
      meetingIds: ['wsis2021-m1'],
      title: t6('Virtual opening of the consultation', 'Ouverture virtuelle de la consultation', 'Apertura virtual de la consulta', 'Виртуальное открытие консультаций', '磋商虚拟开幕会议', 'الافتتاح الافتراضي للتشاور'),
      description: t6(
        'Open to all stakeholders. Launch of the website for official submissions, the call for nominations of High-Level Track facilitators and the photo contest.',
        'Ouverte à toutes les parties prenantes. Lancement du site des contributions officielles, de l’appel à candidatures de facilitateurs du segment de haut niveau et du concours photo.',
        'Abierta a todas las partes interesadas. Lanzamiento del sitio de contribuciones oficiales, de la convocatoria de facilitadores del segmento de alto nivel y del concurso de fotografía.',
        'Открыто для всех заинтересованных сторон. Запуск сайта для официальных материалов, призыва к выдвижению ведущих сегмента высокого уровня и фотоконкурса.',
        '向所有利益攸关方开放。启动正式意见提交网站、高级别会议主持人提名征集和摄影比赛。',
        'مفتوح لجميع أصحاب المصلحة. إطلاق موقع المساهمات الرسمية والدعوة إلى ترشيح ميسّري الجزء الرفيع المستوى ومسابقة التصوير.',
      ),
    },
  },
  {
    type: 'phase:add',
    phaseId: 'igf-open-forum',
    phase: {
      kind: 'meeting',
      date: '2020-11-06',
      startTime: '10:10',
      endTime: '11:10',
      meetingIds: ['wsis2021-m2'],
      title: t6('First virtual meeting: open forum at IGF 2020', 'Première réunion virtuelle : forum ouvert à l’IGF 2020', 'Primera reunión virtual: foro abierto en el IGF 2020', 'Первое виртуальное совещание: открытый форум на IGF 2020', '第一次虚拟会议：2020年互联网治理论坛开放论坛', 'الاجتماع الافتراضي الأول: منتدى مفتوح خلال منتدى حوكمة الإنترنت 2020'),
      description: t6(
        'Open forum on the WSIS Action Lines and the WSIS Forum, during the Internet Governance Forum 2020.',
        'Forum ouvert sur les grandes orientations et le Forum du SMSI, pendant le Forum sur la gouvernance de l’Internet 2020.',
        'Foro abierto sobre las Líneas de Acción y el Foro de la CMSI, durante el Foro para la Gobernanza de Internet 2020.',
        'Открытый форум по направлениям деятельности и Форуму ВВУИО в ходе Форума по управлению интернетом 2020 года.',
        '在2020年互联网治理论坛期间举行的关于信息社会世界峰会行动方面和论坛的开放论坛。',
        'منتدى مفتوح بشأن خطوط عمل القمة ومنتداها، خلال منتدى حوكمة الإنترنت 2020.',
      ),
    },
  },
  {
    type: 'phase:add',
    phaseId: 'second-meeting',
    phase: {
      kind: 'meeting',
      date: '2021-01-29',
      meetingIds: ['wsis2021-m3'],
      title: t6('Second meeting (virtual and in person)', 'Deuxième réunion (virtuelle et en présentiel)', 'Segunda reunión (virtual y presencial)', 'Второе совещание (виртуально и очно)', '第二次会议（线上和线下）', 'الاجتماع الثاني (افتراضي وحضوري)'),
      description: t6(
        'Hybrid meeting at ITU headquarters, Geneva, with a remote participation service.',
        'Réunion hybride au siège de l’UIT à Genève, avec un service de participation à distance.',
        'Reunión híbrida en la sede de la UIT en Ginebra, con servicio de participación a distancia.',
        'Гибридное совещание в штаб-квартире МСЭ в Женеве с возможностью дистанционного участия.',
        '在日内瓦国际电联总部举行的混合会议，提供远程参会服务。',
        'اجتماع هجين في مقر الاتحاد الدولي للاتصالات في جنيف، مع خدمة المشاركة عن بُعد.',
      ),
    },
  },
  {
    type: 'phase:add',
    phaseId: 'deadline',
    phase: {
      kind: 'deadline',
      date: '2021-03-08',
      meetingIds: [],
      title: t6('Deadline for official submissions', 'Date limite des contributions officielles', 'Plazo para las contribuciones oficiales', 'Срок подачи официальных материалов', '正式意见提交截止日期', 'الموعد النهائي لتقديم المساهمات الرسمية'),
      description: t6(
        'Last day for official submissions and binding workshop requests (until 23:59 Geneva time).',
        'Dernier jour pour les contributions officielles et les demandes d’ateliers fermes (jusqu’à 23 h 59, heure de Genève).',
        'Último día para las contribuciones oficiales y las solicitudes vinculantes de talleres (hasta las 23:59, hora de Ginebra).',
        'Последний день подачи официальных материалов и обязательных заявок на семинары (до 23:59 по женевскому времени).',
        '提交正式意见和具有约束力的研讨会申请的最后一天（日内瓦时间23:59前）。',
        'آخر يوم لتقديم المساهمات الرسمية وطلبات ورش العمل الملزمة (حتى الساعة 23:59 بتوقيت جنيف).',
      ),
    },
  },
  {
    type: 'phase:add',
    phaseId: 'final-briefing',
    phase: {
      kind: 'briefing',
      date: '2021-04-19',
      meetingIds: ['wsis2021-m4'],
      title: t6('Final briefing (virtual and in person)', 'Séance d’information finale (virtuelle et en présentiel)', 'Sesión informativa final (virtual y presencial)', 'Заключительный брифинг (виртуально и очно)', '最后情况介绍会（线上和线下）', 'الإحاطة الختامية (افتراضية وحضورية)'),
      description: t6(
        'Outcomes of the open consultation and the programme of the WSIS Forum 2021.',
        'Résultats de la consultation ouverte et programme du Forum du SMSI 2021.',
        'Resultados de la consulta abierta y programa del Foro de la CMSI 2021.',
        'Итоги открытых консультаций и программа Форума ВВУИО 2021 года.',
        '公开磋商的成果和2021年信息社会世界峰会论坛的议程。',
        'نتائج التشاور المفتوح وبرنامج منتدى القمة العالمية لمجتمع المعلومات 2021.',
      ),
    },
  },
];

const OPENS = '2020-09-09T15:00:00+02:00';
const DEADLINE = '2021-03-08';

export const WSIS_CALLS: ConsultationCommandInput[] = [
  {
    type: 'call:add',
    callId: 'thematic',
    call: {
      kind: 'thematic',
      opensAt: OPENS,
      deadline: DEADLINE,
      title: t6('Contribution on thematic aspects', 'Contribution sur les aspects thématiques', 'Contribución sobre los aspectos temáticos', 'Вклад по тематическим аспектам', '关于专题方面的意见', 'مساهمة بشأن الجوانب المواضيعية'),
    },
  },
  {
    type: 'call:add',
    callId: 'format',
    call: {
      kind: 'format',
      opensAt: OPENS,
      deadline: DEADLINE,
      title: t6('Contribution on format innovations', 'Contribution sur les innovations de format', 'Contribución sobre innovaciones del formato', 'Вклад по инновациям формата', '关于形式创新的意见', 'مساهمة بشأن الابتكارات في الشكل'),
    },
  },
  {
    type: 'call:add',
    callId: 'hlt-nomination',
    call: {
      kind: 'hlt-nomination',
      opensAt: OPENS,
      deadline: DEADLINE,
      title: t6('Nomination of a High-Level Track facilitator', 'Candidature d’un facilitateur du segment de haut niveau', 'Candidatura de un facilitador del segmento de alto nivel', 'Выдвижение ведущего сегмента высокого уровня', '高级别会议主持人提名', 'ترشيح ميسّر للجزء الرفيع المستوى'),
    },
  },
  {
    type: 'call:add',
    callId: 'regional-input',
    call: {
      kind: 'regional-input',
      opensAt: OPENS,
      deadline: DEADLINE,
      title: t6('Input from a regional or national event', 'Apport d’une manifestation régionale ou nationale', 'Aporte de un evento regional o nacional', 'Материалы регионального или национального мероприятия', '区域或国家活动的意见', 'مدخلات من حدث إقليمي أو وطني'),
    },
  },
];

export const WSIS_THEMES: ConsultationCommandInput[] = [
  { type: 'theme:add', themeId: 'covid-recovery', title: t6('ICTs for the COVID-19 recovery', 'Les TIC pour la reprise après la COVID-19', 'Las TIC para la recuperación tras la COVID-19', 'ИКТ для восстановления после COVID-19', '信息通信技术助力新冠疫情后复苏', 'تكنولوجيا المعلومات والاتصالات من أجل التعافي من كوفيد-19') },
  { type: 'theme:add', themeId: 'digital-inclusion', title: t6('Digital inclusion and bridging divides', 'Inclusion numérique et réduction des fractures', 'Inclusión digital y reducción de brechas', 'Цифровая интеграция и преодоление разрывов', '数字包容与弥合鸿沟', 'الإدماج الرقمي وسد الفجوات') },
  { type: 'theme:add', themeId: 'trust-security', title: t6('Trust and security online', 'Confiance et sécurité en ligne', 'Confianza y seguridad en línea', 'Доверие и безопасность в сети', '网络信任与安全', 'الثقة والأمن على الإنترنت') },
  { type: 'theme:add', themeId: 'hybrid-format', title: t6('Hybrid and virtual participation', 'Participation hybride et virtuelle', 'Participación híbrida y virtual', 'Гибридное и виртуальное участие', '混合与线上参与', 'المشاركة الهجينة والافتراضية') },
];
