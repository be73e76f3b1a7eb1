/**
 * Seeds the WSIS Forum 2021 consultation (seed-data.ts) through the domain's commands as the
 * server, once: a store that already has it is left alone. Sample submissions (fictional people)
 * are entered as received by e-mail on their dates, reviewed, tagged and mostly published, so the
 * public page and the compilation are not empty.
 */
import { ConsultationCommand, CONSULTATION_SYSTEM, type ConsultationCommandInput, type SubmissionFields } from '../../shared/domain/index.js';
import type { MeetingService } from '../meetings/service.js';
import type { ConsultationService } from './service.js';
import { WSIS_CALLS, WSIS_CONSULTATION_ID, WSIS_INFO, WSIS_PHASES, WSIS_THEMES } from './seed-data.js';

interface Sample {
  id: string;
  callId: string;
  receivedAt: string;
  fields: Omit<SubmissionFields, 'organisation'> & { organisation: string };
  status?: 'accepted' | 'declined' | 'duplicate';
  duplicateOf?: string;
  actionLines?: Array<'C1' | 'C2' | 'C3' | 'C4' | 'C5' | 'C6' | 'C7' | 'C8' | 'C9' | 'C10' | 'C11'>;
  themes?: string[];
  publish?: boolean;
  /** Agenda item of wsis2021-m3 (by title) this submission is discussed under. */
  item?: string;
}

const SAMPLES: Sample[] = [
  {
    id: 'sample-rural',
    callId: 'thematic',
    receivedAt: '2020-10-14T09:12:00+02:00',
    fields: { name: 'María Fernanda Ríos', organisation: 'Red de Derechos Digitales', group: 'civil-society', country: 'CO', language: 'es', consent: true, title: 'Inclusión digital de las comunidades rurales después de la pandemia', text: 'Proponemos una sesión temática sobre conectividad comunitaria y alfabetización digital en zonas rurales.\n\nLa pandemia mostró que sin acceso asequible no hay educación ni salud a distancia.' },
    status: 'accepted',
    actionLines: ['C3', 'C4'],
    themes: ['digital-inclusion', 'covid-recovery'],
    publish: true,
    item: 'Official submissions received so far',
  },
  {
    id: 'sample-hubs',
    callId: 'format',
    receivedAt: '2020-11-20T16:40:00+01:00',
    fields: { name: 'Kwame Mensah', organisation: 'West African Network Operators Group', group: 'technical-community', country: 'GH', language: 'en', consent: true, title: 'Regional hubs for a hybrid Forum', text: 'Run each high-level session with two or three regional hubs connected to Geneva, so that participants in Accra, Bogotá or Bangkok speak in the same queue as the room.' },
    status: 'accepted',
    actionLines: ['C11'],
    themes: ['hybrid-format'],
    publish: true,
    item: 'Hybrid format of the WSIS Forum 2021',
  },
  {
    id: 'sample-egov',
    callId: 'thematic',
    receivedAt: '2021-01-11T11:05:00+01:00',
    fields: { name: 'Layla Haddad', organisation: 'وزارة الاتصالات وتكنولوجيا المعلومات، مصر', group: 'government', country: 'EG', language: 'ar', consent: true, title: 'بناء الثقة في الخدمات الحكومية الإلكترونية', text: 'نقترح جلسة حول حماية البيانات الشخصية وأمن الخدمات الحكومية الإلكترونية في المنطقة العربية.' },
    status: 'accepted',
    actionLines: ['C5', 'C7'],
    themes: ['trust-security'],
    publish: true,
  },
  {
    id: 'sample-africa',
    callId: 'regional-input',
    receivedAt: '2021-02-15T14:30:00+01:00',
    fields: { name: 'Amélie Dubois', organisation: 'UNESCO, Secteur de la communication et de l’information', group: 'intergovernmental', country: 'ZZ', language: 'fr', consent: true, title: 'Conclusions de la réunion régionale Afrique sur le SMSI', text: 'La réunion régionale recommande de consacrer une session aux contenus locaux et au multilinguisme en ligne.' },
    status: 'accepted',
    actionLines: ['C8', 'C11'],
    themes: ['digital-inclusion'],
    publish: true,
  },
  {
    id: 'sample-hlt',
    callId: 'hlt-nomination',
    receivedAt: '2021-02-20T10:00:00+01:00',
    fields: { name: 'Anna Petrova', organisation: 'Институт исследований информационного общества', group: 'academia', country: 'RU', language: 'ru', consent: false, title: 'Выдвижение кандидатуры ведущего сегмента высокого уровня', text: 'Предлагаем кандидатуру профессора с опытом модерации международных дискуссий по этическим аспектам информационного общества.' },
    status: 'accepted',
    actionLines: ['C10'],
  },
  {
    id: 'sample-5g',
    callId: 'thematic',
    receivedAt: '2021-03-01T08:45:00+01:00',
    fields: { name: 'Chen Wei', organisation: '华信网络', group: 'private-sector', country: 'CN', language: 'zh', consent: true, title: '5G与中小企业数字化转型', text: '建议设立专题会议，讨论5G网络如何帮助中小企业实现数字化转型。' },
  },
  {
    id: 'sample-hubs-again',
    callId: 'format',
    receivedAt: '2021-03-05T19:20:00+01:00',
    fields: { name: 'Kwame Mensah', organisation: 'West African Network Operators Group', group: 'technical-community', country: 'GH', language: 'en', consent: true, title: 'Regional hubs for a hybrid Forum (resent)', text: 'Resending our proposal on regional hubs connected to Geneva.' },
    status: 'duplicate',
    duplicateOf: 'sample-hubs',
  },
];

async function run(svc: ConsultationService, input: ConsultationCommandInput): Promise<void> {
  const r = await svc.execute(WSIS_CONSULTATION_ID, ConsultationCommand.parse(input), CONSULTATION_SYSTEM);
  if (!r.ok) throw new Error(`Seeding the consultation failed on ${input.type}: ${r.error.message}`);
}

/** Seeds the consultation unless it exists; resolves true when it seeded. */
export async function seedConsultation(svc: ConsultationService, meetings?: MeetingService): Promise<boolean> {
  if ((await svc.get(WSIS_CONSULTATION_ID)).created) return false;
  const created = await svc.execute(WSIS_CONSULTATION_ID, ConsultationCommand.parse({ type: 'consultation:create', consultationId: WSIS_CONSULTATION_ID, info: WSIS_INFO }), CONSULTATION_SYSTEM);
  if (!created.ok) return false; // another process seeded it first
  for (const input of [...WSIS_PHASES, ...WSIS_CALLS, ...WSIS_THEMES]) await run(svc, input);
  const m3 = meetings ? await meetings.get('wsis2021-m3') : null;
  for (const x of SAMPLES) {
    await run(svc, { type: 'submission:create', callId: x.callId, fields: x.fields, submissionId: x.id, receivedAt: x.receivedAt });
    if (x.status) await run(svc, { type: 'submission:review', submissionId: x.id, status: x.status, ...(x.duplicateOf ? { duplicateOf: x.duplicateOf } : {}) });
    if (x.actionLines || x.themes) await run(svc, { type: 'submission:tag', submissionId: x.id, actionLines: x.actionLines ?? [], themes: x.themes ?? [] });
    if (x.publish) await run(svc, { type: 'submission:publish', submissionId: x.id, published: true });
    const itemId = x.item ? m3?.agenda.items.find((i) => i.title === x.item)?.id : undefined;
    if (itemId) await run(svc, { type: 'submission:linkAgenda', submissionId: x.id, meetingId: 'wsis2021-m3', itemId });
  }
  return true;
}
