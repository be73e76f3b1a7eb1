/**
 * The minutes' own words in the six languages (GET …/minutes.md?lang=): headings, labels, column
 * names and the few sentences the minutes write. Names, titles and notes stay as they were entered.
 * English is the reference; the others translate it.
 */
import type { Language, MeetingKind, PollKind, StakeholderGroup, TurnKind } from '../../shared/domain/index.js';
import { GROUP_LABELS } from './group-labels.js';

export interface MinutesText {
  /** BCP 47 locale for dates ("Friday, 29 January 2021"). */
  locale: string;
  /** Units of durations ("1 h 2 min 5 s"). */
  units: { h: string; min: string; s: string };
  minutes: string;
  meetingKind: string;
  dateTime: string;
  inUtc: string;
  drafted: string;
  draftedBy: string;
  languageNote: string;
  kinds: Record<MeetingKind, string>;
  attendance: string;
  attendanceNote: string;
  attendanceCols: [string, string, string, string, string];
  total: string;
  removed: (n: number) => string;
  nobodySpoke: string;
  replyTo: (name: string) => string;
  turnKinds: Record<TurnKind, string>;
  inRoom: string;
  remote: string;
  speaking: string;
  speakerCols: [string, string, string, string, string, string, string, string, string, string];
  poll: string;
  /** The words of a yes/no/abstain poll's options. */
  fixedOptions: { yes: string; no: string; abstain: string };
  pollKinds: Record<PollKind, string>;
  secret: string;
  named: string;
  openTo: string;
  allPresent: string;
  cancelled: string;
  interim: string;
  final: string;
  pollCols: [string, string, string];
  turnout: (voted: number, eligible: number, pct: string, present: number) => string;
  notTakenUp: (planned: number) => string;
  taken: (planned: number, actual: string, delta: string, at: string, current: boolean) => string;
  onTime: string;
  over: string;
  under: string;
  removedItem: string;
  speakers: string;
  polls: string;
  loosePolls: string;
  stats: string;
  statsCols: [string, string, string, string, string, string];
  roomShare: (room: string, roomPct: string, remote: string, remotePct: string) => string;
  groups: Record<StakeholderGroup, string>;
}

const en: MinutesText = {
  locale: 'en-GB',
  units: { h: 'h', min: 'min', s: 's' },
  minutes: 'Minutes',
  meetingKind: 'Meeting kind',
  dateTime: 'Date and time',
  inUtc: 'In UTC',
  drafted: 'Drafted',
  draftedBy: 'from the meeting record by Plenary',
  languageNote: '_Text in English; names, titles and notes as entered. Draft for the secretariat to review._',
  kinds: { virtual: 'virtual', hybrid: 'hybrid', 'in-person': 'in-person' },
  attendance: 'Attendance',
  attendanceNote: '_Attended: connected at any time during the meeting; in room or remote as last recorded._',
  attendanceCols: ['Stakeholder group', 'Registered', 'Attended', 'In room', 'Remote'],
  total: 'Total',
  removed: (n) => `${n} participant(s) were removed from the meeting by a moderator.`,
  nobodySpoke: 'No one took the floor.',
  replyTo: (name) => `Reply to ${name}`,
  turnKinds: { normal: 'Normal', point_of_order: 'Point of order', reply: 'Reply' },
  inRoom: 'In room',
  remote: 'Remote',
  speaking: 'speaking',
  speakerCols: ['#', 'Start', 'Speaker', 'Turn', 'Group', 'Affiliation', 'Location', 'Duration', 'Languages', 'Notes'],
  poll: 'Poll',
  pollKinds: { single: 'single choice', multiple: 'multiple choice', yes_no_abstain: 'yes / no / abstain' },
  fixedOptions: { yes: 'Yes', no: 'No', abstain: 'Abstain' },
  secret: 'secret ballot',
  named: 'named vote',
  openTo: 'open to',
  allPresent: 'all present participants',
  cancelled: 'Cancelled; no result.',
  interim: 'Still open when these minutes were drafted: interim result.',
  final: 'Final result.',
  pollCols: ['Option', 'Votes', 'Share of voters'],
  turnout: (v, e, p, pr) => `Turnout: ${v} of ${e} eligible voted (${p}); ${pr} present.`,
  notTakenUp: (p) => `Planned: ${p} min. Not taken up.`,
  taken: (p, a, d, at, cur) => `Planned: ${p} min. Actual: ${a} (${d}); first taken up at ${at}${cur ? ', still current' : ''}.`,
  onTime: 'on time',
  over: 'over',
  under: 'under',
  removedItem: '(Item removed from the agenda)',
  speakers: 'Speakers',
  polls: 'Polls',
  loosePolls: 'Polls outside agenda items',
  stats: 'Speaking time by stakeholder group',
  statsCols: ['Stakeholder group', 'Speakers', 'Turns', 'Total', 'Average turn', 'Share'],
  roomShare: (r, rp, m, mp) => `In room: ${r} (${rp}); remote: ${m} (${mp}).`,
  groups: GROUP_LABELS.en,
};

const fr: MinutesText = {
  locale: 'fr-FR',
  units: { h: 'h', min: 'min', s: 's' },
  minutes: 'Procès-verbal',
  meetingKind: 'Type de réunion',
  dateTime: 'Date et heure',
  inUtc: 'En UTC',
  drafted: 'Rédigé',
  draftedBy: 'à partir du registre de la réunion par Plenary',
  languageNote: '_Texte en français ; noms, titres et notes tels que saisis. Projet à relire par le secrétariat._',
  kinds: { virtual: 'virtuelle', hybrid: 'hybride', 'in-person': 'en présentiel' },
  attendance: 'Participation',
  attendanceNote: '_Présent : connecté à un moment de la réunion ; en salle ou à distance selon le dernier relevé._',
  attendanceCols: ['Groupe de parties prenantes', 'Inscrits', 'Présents', 'En salle', 'À distance'],
  total: 'Total',
  removed: (n) => `${n} participant(s) retiré(s) de la réunion par un modérateur.`,
  nobodySpoke: 'Personne n’a pris la parole.',
  replyTo: (name) => `Réponse à ${name}`,
  turnKinds: { normal: 'Normale', point_of_order: 'Motion d’ordre', reply: 'Réponse' },
  inRoom: 'En salle',
  remote: 'À distance',
  speaking: 'en cours',
  speakerCols: ['#', 'Début', 'Orateur', 'Intervention', 'Groupe', 'Affiliation', 'Lieu', 'Durée', 'Langues', 'Notes'],
  poll: 'Sondage',
  pollKinds: { single: 'choix unique', multiple: 'choix multiple', yes_no_abstain: 'oui / non / abstention' },
  fixedOptions: { yes: 'Oui', no: 'Non', abstain: 'Abstention' },
  secret: 'scrutin secret',
  named: 'vote nominatif',
  openTo: 'ouvert à',
  allPresent: 'tous les participants présents',
  cancelled: 'Annulé ; pas de résultat.',
  interim: 'Encore ouvert lors de la rédaction : résultat provisoire.',
  final: 'Résultat définitif.',
  pollCols: ['Option', 'Voix', 'Part des votants'],
  turnout: (v, e, p, pr) => `Participation : ${v} votants sur ${e} inscrits (${p}) ; ${pr} présents.`,
  notTakenUp: (p) => `Prévu : ${p} min. Non abordé.`,
  taken: (p, a, d, at, cur) => `Prévu : ${p} min. Réel : ${a} (${d}) ; abordé à ${at}${cur ? ', toujours en cours' : ''}.`,
  onTime: 'dans les temps',
  over: 'de dépassement',
  under: 'd’avance',
  removedItem: '(Point retiré de l’ordre du jour)',
  speakers: 'Orateurs',
  polls: 'Sondages',
  loosePolls: 'Sondages hors points de l’ordre du jour',
  stats: 'Temps de parole par groupe de parties prenantes',
  statsCols: ['Groupe de parties prenantes', 'Orateurs', 'Interventions', 'Total', 'Intervention moyenne', 'Part'],
  roomShare: (r, rp, m, mp) => `En salle : ${r} (${rp}) ; à distance : ${m} (${mp}).`,
  groups: GROUP_LABELS.fr,
};

const es: MinutesText = {
  locale: 'es-ES',
  units: { h: 'h', min: 'min', s: 's' },
  minutes: 'Acta',
  meetingKind: 'Tipo de reunión',
  dateTime: 'Fecha y hora',
  inUtc: 'En UTC',
  drafted: 'Redactada',
  draftedBy: 'a partir del registro de la reunión por Plenary',
  languageNote: '_Texto en español; nombres, títulos y notas tal como se introdujeron. Borrador para revisión de la secretaría._',
  kinds: { virtual: 'virtual', hybrid: 'híbrida', 'in-person': 'presencial' },
  attendance: 'Asistencia',
  attendanceNote: '_Asistió: conectado en algún momento de la reunión; en sala o a distancia según el último registro._',
  attendanceCols: ['Grupo de partes interesadas', 'Inscritos', 'Asistieron', 'En sala', 'A distancia'],
  total: 'Total',
  removed: (n) => `${n} participante(s) retirado(s) de la reunión por un moderador.`,
  nobodySpoke: 'Nadie tomó la palabra.',
  replyTo: (name) => `Respuesta a ${name}`,
  turnKinds: { normal: 'Normal', point_of_order: 'Cuestión de orden', reply: 'Respuesta' },
  inRoom: 'En sala',
  remote: 'A distancia',
  speaking: 'en curso',
  speakerCols: ['#', 'Inicio', 'Orador', 'Intervención', 'Grupo', 'Afiliación', 'Lugar', 'Duración', 'Idiomas', 'Notas'],
  poll: 'Encuesta',
  pollKinds: { single: 'opción única', multiple: 'opción múltiple', yes_no_abstain: 'sí / no / abstención' },
  fixedOptions: { yes: 'Sí', no: 'No', abstain: 'Abstención' },
  secret: 'voto secreto',
  named: 'voto nominal',
  openTo: 'abierta a',
  allPresent: 'todos los participantes presentes',
  cancelled: 'Cancelada; sin resultado.',
  interim: 'Aún abierta al redactar el acta: resultado provisional.',
  final: 'Resultado final.',
  pollCols: ['Opción', 'Votos', 'Proporción de votantes'],
  turnout: (v, e, p, pr) => `Participación: votaron ${v} de ${e} habilitados (${p}); ${pr} presentes.`,
  notTakenUp: (p) => `Previsto: ${p} min. No se trató.`,
  taken: (p, a, d, at, cur) => `Previsto: ${p} min. Real: ${a} (${d}); se trató a las ${at}${cur ? ', todavía en curso' : ''}.`,
  onTime: 'a tiempo',
  over: 'de más',
  under: 'de menos',
  removedItem: '(Punto retirado del orden del día)',
  speakers: 'Oradores',
  polls: 'Encuestas',
  loosePolls: 'Encuestas fuera de los puntos del orden del día',
  stats: 'Tiempo de palabra por grupo de partes interesadas',
  statsCols: ['Grupo de partes interesadas', 'Oradores', 'Intervenciones', 'Total', 'Intervención media', 'Proporción'],
  roomShare: (r, rp, m, mp) => `En sala: ${r} (${rp}); a distancia: ${m} (${mp}).`,
  groups: GROUP_LABELS.es,
};

const ru: MinutesText = {
  locale: 'ru-RU',
  units: { h: 'ч', min: 'мин', s: 'с' },
  minutes: 'Протокол',
  meetingKind: 'Формат совещания',
  dateTime: 'Дата и время',
  inUtc: 'По UTC',
  drafted: 'Составлен',
  draftedBy: 'по записи совещания в Plenary',
  languageNote: '_Текст на русском языке; имена, названия и заметки в том виде, в каком они введены. Проект для проверки секретариатом._',
  kinds: { virtual: 'виртуальное', hybrid: 'гибридное', 'in-person': 'очное' },
  attendance: 'Присутствие',
  attendanceNote: '_Присутствовал: был подключён в какой-либо момент совещания; в зале или дистанционно — по последней записи._',
  attendanceCols: ['Группа заинтересованных сторон', 'Зарегистрировано', 'Присутствовало', 'В зале', 'Дистанционно'],
  total: 'Итого',
  removed: (n) => `Удалено модератором участников: ${n}.`,
  nobodySpoke: 'Никто не брал слово.',
  replyTo: (name) => `Ответ: ${name}`,
  turnKinds: { normal: 'Обычное', point_of_order: 'Процедурный вопрос', reply: 'Ответ' },
  inRoom: 'В зале',
  remote: 'Дистанционно',
  speaking: 'выступает',
  speakerCols: ['№', 'Начало', 'Выступающий', 'Выступление', 'Группа', 'Организация', 'Место', 'Длительность', 'Языки', 'Заметки'],
  poll: 'Опрос',
  pollKinds: { single: 'один вариант', multiple: 'несколько вариантов', yes_no_abstain: 'за / против / воздержался' },
  fixedOptions: { yes: 'За', no: 'Против', abstain: 'Воздержался' },
  secret: 'тайное голосование',
  named: 'поимённое голосование',
  openTo: 'для',
  allPresent: 'всех присутствующих',
  cancelled: 'Отменён; результата нет.',
  interim: 'Ещё открыт при составлении протокола: промежуточный результат.',
  final: 'Окончательный результат.',
  pollCols: ['Вариант', 'Голоса', 'Доля проголосовавших'],
  turnout: (v, e, p, pr) => `Явка: проголосовали ${v} из ${e} имеющих право (${p}); присутствовали ${pr}.`,
  notTakenUp: (p) => `Запланировано: ${p} мин. Не рассматривался.`,
  taken: (p, a, d, at, cur) => `Запланировано: ${p} мин. Фактически: ${a} (${d}); начат в ${at}${cur ? ', ещё рассматривается' : ''}.`,
  onTime: 'в срок',
  over: 'сверх',
  under: 'меньше',
  removedItem: '(Пункт исключён из повестки дня)',
  speakers: 'Выступающие',
  polls: 'Опросы',
  loosePolls: 'Опросы вне пунктов повестки дня',
  stats: 'Время выступлений по группам заинтересованных сторон',
  statsCols: ['Группа заинтересованных сторон', 'Выступающие', 'Выступления', 'Всего', 'Среднее выступление', 'Доля'],
  roomShare: (r, rp, m, mp) => `В зале: ${r} (${rp}); дистанционно: ${m} (${mp}).`,
  groups: GROUP_LABELS.ru,
};

const zh: MinutesText = {
  locale: 'zh-CN',
  units: { h: '小时', min: '分', s: '秒' },
  minutes: '会议记录',
  meetingKind: '会议形式',
  dateTime: '日期和时间',
  inUtc: '协调世界时',
  drafted: '起草时间',
  draftedBy: '由Plenary根据会议记录生成',
  languageNote: '_中文文本；姓名、标题和备注保持原样。供秘书处审阅的草稿。_',
  kinds: { virtual: '线上', hybrid: '混合', 'in-person': '线下' },
  attendance: '出席情况',
  attendanceNote: '_出席：会议期间曾连接；在会场或远程以最后记录为准。_',
  attendanceCols: ['利益攸关方群体', '已登记', '已出席', '在会场', '远程'],
  total: '合计',
  removed: (n) => `主持人将${n}名与会者移出会议。`,
  nobodySpoke: '无人发言。',
  replyTo: (name) => `答复${name}`,
  turnKinds: { normal: '一般发言', point_of_order: '程序问题', reply: '答复' },
  inRoom: '在会场',
  remote: '远程',
  speaking: '发言中',
  speakerCols: ['#', '开始', '发言人', '发言类型', '群体', '所属机构', '地点', '时长', '语言', '备注'],
  poll: '投票',
  pollKinds: { single: '单选', multiple: '多选', yes_no_abstain: '赞成 / 反对 / 弃权' },
  fixedOptions: { yes: '赞成', no: '反对', abstain: '弃权' },
  secret: '无记名投票',
  named: '记名投票',
  openTo: '参与者：',
  allPresent: '所有出席者',
  cancelled: '已取消；无结果。',
  interim: '起草本记录时仍在进行：临时结果。',
  final: '最终结果。',
  pollCols: ['选项', '票数', '投票者比例'],
  turnout: (v, e, p, pr) => `投票率：${e}名有资格者中${v}人投票（${p}）；出席${pr}人。`,
  notTakenUp: (p) => `计划：${p}分钟。未讨论。`,
  taken: (p, a, d, at, cur) => `计划：${p}分钟。实际：${a}（${d}）；于${at}开始讨论${cur ? '，仍在进行' : ''}。`,
  onTime: '准时',
  over: '超时',
  under: '提前',
  removedItem: '（该议项已从议程中删除）',
  speakers: '发言人',
  polls: '投票',
  loosePolls: '议项之外的投票',
  stats: '按利益攸关方群体分列的发言时间',
  statsCols: ['利益攸关方群体', '发言人', '发言次数', '合计', '平均发言', '比例'],
  roomShare: (r, rp, m, mp) => `在会场：${r}（${rp}）；远程：${m}（${mp}）。`,
  groups: GROUP_LABELS.zh,
};

const ar: MinutesText = {
  locale: 'ar',
  units: { h: 'س', min: 'د', s: 'ث' },
  minutes: 'محضر الاجتماع',
  meetingKind: 'نوع الاجتماع',
  dateTime: 'التاريخ والوقت',
  inUtc: 'بالتوقيت العالمي',
  drafted: 'أُعدّ في',
  draftedBy: 'من سجل الاجتماع بواسطة Plenary',
  languageNote: '_النص بالعربية؛ الأسماء والعناوين والملاحظات كما أُدخلت. مسودة لمراجعة الأمانة._',
  kinds: { virtual: 'افتراضي', hybrid: 'هجين', 'in-person': 'حضوري' },
  attendance: 'الحضور',
  attendanceNote: '_حضر: اتصل في أي وقت خلال الاجتماع؛ في القاعة أو عن بُعد حسب آخر تسجيل._',
  attendanceCols: ['فئة أصحاب المصلحة', 'المسجلون', 'الحاضرون', 'في القاعة', 'عن بُعد'],
  total: 'المجموع',
  removed: (n) => `أزال المشرف ${n} من المشاركين من الاجتماع.`,
  nobodySpoke: 'لم يأخذ أحد الكلمة.',
  replyTo: (name) => `رد على ${name}`,
  turnKinds: { normal: 'عادية', point_of_order: 'نقطة نظام', reply: 'رد' },
  inRoom: 'في القاعة',
  remote: 'عن بُعد',
  speaking: 'يتحدث',
  speakerCols: ['#', 'البداية', 'المتحدث', 'المداخلة', 'الفئة', 'الجهة', 'المكان', 'المدة', 'اللغات', 'ملاحظات'],
  poll: 'استطلاع',
  pollKinds: { single: 'اختيار واحد', multiple: 'اختيار متعدد', yes_no_abstain: 'نعم / لا / امتناع' },
  fixedOptions: { yes: 'نعم', no: 'لا', abstain: 'امتناع' },
  secret: 'اقتراع سري',
  named: 'تصويت بالأسماء',
  openTo: 'مفتوح لـ',
  allPresent: 'جميع المشاركين الحاضرين',
  cancelled: 'أُلغي؛ لا نتيجة.',
  interim: 'ما زال مفتوحًا عند إعداد المحضر: نتيجة مؤقتة.',
  final: 'النتيجة النهائية.',
  pollCols: ['الخيار', 'الأصوات', 'نسبة المصوتين'],
  turnout: (v, e, p, pr) => `المشاركة: صوّت ${v} من ${e} مؤهلين (${p})؛ الحاضرون ${pr}.`,
  notTakenUp: (p) => `المخطط: ${p} دقيقة. لم يُتناول.`,
  taken: (p, a, d, at, cur) => `المخطط: ${p} دقيقة. الفعلي: ${a} (${d})؛ بدأ تناوله في ${at}${cur ? '، وما زال جاريًا' : ''}.`,
  onTime: 'في الوقت المحدد',
  over: 'زيادة',
  under: 'نقصًا',
  removedItem: '(بند حُذف من جدول الأعمال)',
  speakers: 'المتحدثون',
  polls: 'الاستطلاعات',
  loosePolls: 'استطلاعات خارج بنود جدول الأعمال',
  stats: 'وقت الكلام حسب فئة أصحاب المصلحة',
  statsCols: ['فئة أصحاب المصلحة', 'المتحدثون', 'المداخلات', 'المجموع', 'متوسط المداخلة', 'النسبة'],
  roomShare: (r, rp, m, mp) => `في القاعة: ${r} (${rp})؛ عن بُعد: ${m} (${mp}).`,
  groups: GROUP_LABELS.ar,
};

const TEXT: Record<Language, MinutesText> = { ar, zh, en, fr, es, ru };

/** The minutes' words in `lang` (English when unknown). */
export const minutesText = (lang: Language): MinutesText => TEXT[lang] ?? en;
