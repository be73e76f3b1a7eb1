/**
 * The seeded demo: the WSIS Forum 2021 open consultation (see /work/shared/seed/README.md) — its
 * four meetings, agendas, a chair per meeting and participants from all six stakeholder groups.
 * Seeding goes through the domain's commands as `system`, and only happens when the store has no
 * meetings. Ids are fixed so printed links stay stable across restarts.
 */
import { Command, SYSTEM, type CommandInput, type Language, type StakeholderGroup } from '../shared/domain/index.js';
import { WSIS_CONSULTATION_ID } from './consultations/seed-data.js';
import { seedConsultation } from './consultations/seed.js';
import type { ConsultationService } from './consultations/service.js';
import type { ConsultationTokens } from './consultations/tokens.js';
import type { MeetingService } from './meetings/service.js';
import { tokenPath, type TokenClaims, type TokenSigner } from './tokens.js';

/** The meeting whose links `npm start` prints: the hybrid second meeting of 29 January 2021. */
export const DEMO_MEETING_ID = 'wsis2021-m3';
export const DEMO_CHAIR_ID = 'chair-m3';
/** Seeded participants of different stakeholder groups (tests use their member tokens). */
export const DEMO_PARTICIPANT_IDS = ['p-gov-eg', 'p-cs-co', 'p-ps-cn', 'p-ac-ru', 'p-tc-gh', 'p-igo-fr'] as const;

interface Person {
  id: string;
  name: string;
  group: StakeholderGroup;
  affiliation: string;
  language: Language;
  inRoom?: boolean;
}

// Fictional people; institutions are illustrative.
const PEOPLE: Person[] = [
  { id: 'p-gov-eg', name: 'Layla Haddad', group: 'government', affiliation: 'Ministry of Communications and Information Technology, Egypt', language: 'ar' },
  { id: 'p-cs-co', name: 'María Fernanda Ríos', group: 'civil-society', affiliation: 'Red de Derechos Digitales, Bogotá', language: 'es' },
  { id: 'p-ps-cn', name: 'Chen Wei', group: 'private-sector', affiliation: 'Huaxin Networks', language: 'zh' },
  { id: 'p-ac-ru', name: 'Anna Petrova', group: 'academia', affiliation: 'Institute for Information Society Studies, Moscow', language: 'ru' },
  { id: 'p-tc-gh', name: 'Kwame Mensah', group: 'technical-community', affiliation: 'West African Network Operators Group', language: 'en' },
  { id: 'p-igo-fr', name: 'Amélie Dubois', group: 'intergovernmental', affiliation: 'UNESCO, Communication and Information Sector', language: 'fr' },
  { id: 'p-gov-ch', name: 'Lukas Meier', group: 'government', affiliation: 'Federal Office of Communications, Switzerland', language: 'fr', inRoom: true },
  { id: 'p-cs-ke', name: 'Wanjiru Kamau', group: 'civil-society', affiliation: 'Digital Inclusion Network Kenya', language: 'en', inRoom: true },
];

interface SeedMeeting {
  id: string;
  title: string;
  description: string;
  kind: 'virtual' | 'hybrid';
  startsAt: string;
  endsAt: string;
  chair: Person;
  /** Which PEOPLE take part (all when absent). */
  people?: string[];
  agenda: Array<{ title: string; description: string; plannedMinutes: number }>;
  /** Index of the agenda item that is current. */
  current?: number;
}

const chair = (id: string, name: string, language: Language): Person => ({
  id,
  name,
  group: 'intergovernmental',
  affiliation: 'ITU, WSIS Forum secretariat',
  language,
});

const MEETINGS: SeedMeeting[] = [
  {
    id: 'wsis2021-m1',
    title: 'WSIS Forum 2021 Open Consultation — virtual opening',
    description: 'Opening of the open consultation process on the thematic aspects and innovations of the format of the WSIS Forum 2021. Open to all stakeholders.',
    kind: 'virtual',
    startsAt: '2020-09-09T15:00:00+02:00',
    endsAt: '2020-09-09T16:00:00+02:00',
    chair: chair('chair-m1', 'Sara Lindqvist', 'en'),
    people: ['p-gov-eg', 'p-cs-co', 'p-ps-cn', 'p-ac-ru', 'p-tc-gh', 'p-igo-fr'],
    agenda: [
      { title: 'Welcome on behalf of the co-organizers', description: 'ITU, UNESCO, UNDP and UNCTAD open the consultation with the Action Line facilitators.', plannedMinutes: 10 },
      { title: 'Launch of the consultation website and official submissions', description: 'How to send official submissions on thematic aspects and format innovations; they are crowdsourced into the programme.', plannedMinutes: 15 },
      { title: 'Call for nominations of High-Level Track facilitators', description: 'Open call for HLT facilitator nominations from every stakeholder group.', plannedMinutes: 10 },
      { title: 'WSIS photo contest', description: 'Rules and timeline of the photo contest.', plannedMinutes: 5 },
      { title: 'Questions from stakeholders', description: 'Open floor.', plannedMinutes: 20 },
    ],
  },
  {
    id: 'wsis2021-m2',
    title: 'Open forum on the WSIS Action Lines and the WSIS Forum (IGF 2020)',
    description: 'First virtual meeting of the open consultation, held as an open forum during the Internet Governance Forum 2020.',
    kind: 'virtual',
    startsAt: '2020-11-06T10:10:00+01:00',
    endsAt: '2020-11-06T11:10:00+01:00',
    chair: chair('chair-m2', 'Sara Lindqvist', 'en'),
    people: ['p-gov-eg', 'p-cs-co', 'p-ps-cn', 'p-ac-ru', 'p-tc-gh', 'p-igo-fr'],
    agenda: [
      { title: 'Opening and objectives of the open forum', description: 'Why the WSIS Forum consults during the IGF.', plannedMinutes: 5 },
      { title: 'WSIS Action Lines and the Sustainable Development Goals', description: 'Action Line facilitators report on implementation towards the SDGs.', plannedMinutes: 20 },
      { title: 'Format of the WSIS Forum 2021: in person, virtual or hybrid', description: 'Lessons from the fully virtual WSIS Forum 2020 and options for 2021.', plannedMinutes: 20 },
      { title: 'Status of official submissions and next steps', description: 'Reminder of the submission process and the timeline of the consultation.', plannedMinutes: 15 },
    ],
  },
  {
    id: DEMO_MEETING_ID,
    title: 'WSIS Forum 2021 Open Consultation — second meeting',
    description: 'Second meeting of the open consultation, hybrid: in person at ITU headquarters, Geneva, with a remote participation service.',
    kind: 'hybrid',
    startsAt: '2021-01-29T14:00:00+01:00',
    endsAt: '2021-01-29T15:30:00+01:00',
    chair: chair(DEMO_CHAIR_ID, 'Sara Lindqvist', 'en'),
    agenda: [
      { title: 'Opening and adoption of the agenda', description: 'Welcome by the chair; remote participants are reminded how to request the floor.', plannedMinutes: 10 },
      { title: 'Official submissions received so far', description: 'Overview of the official submissions on thematic aspects and format innovations, by stakeholder group.', plannedMinutes: 20 },
      { title: 'Hybrid format of the WSIS Forum 2021', description: 'Planning for 17–21 May 2021 in Geneva with in-person and virtual parts, or a fully virtual fallback.', plannedMinutes: 25 },
      { title: 'High-Level Track facilitators and photo contest', description: 'Status of HLT facilitator nominations and photo contest entries.', plannedMinutes: 15 },
      { title: 'Next steps: 8 March deadline', description: 'Deadline for official submissions and binding workshop requests on 8 March 2021; final briefing on 19 April 2021.', plannedMinutes: 10 },
    ],
    current: 0,
  },
  {
    id: 'wsis2021-m4',
    title: 'WSIS Forum 2021 Open Consultation — final briefing',
    description: 'Final briefing on the outcomes of the open consultation, hybrid with a remote participation service.',
    kind: 'hybrid',
    startsAt: '2021-04-19T14:00:00+02:00',
    endsAt: '2021-04-19T15:30:00+02:00',
    chair: chair('chair-m4', 'Sara Lindqvist', 'en'),
    agenda: [
      { title: 'Opening', description: 'Welcome and agenda.', plannedMinutes: 5 },
      { title: 'Outcomes of the open consultation', description: 'Synthesis of the official submissions and of inputs from regional and national events.', plannedMinutes: 25 },
      { title: 'Programme and agenda of the WSIS Forum 2021', description: 'The crowdsourced programme, workshops and the High-Level Track.', plannedMinutes: 25 },
      { title: 'Hybrid participation arrangements', description: 'How to take part in person in Geneva or remotely.', plannedMinutes: 15 },
      { title: 'Closing remarks', description: '', plannedMinutes: 5 },
    ],
  },
];

/** Codes that mean "already seeded" (e.g. two processes seeding one Redis at once). */
const ALREADY = new Set(['meeting.exists', 'participant.exists']);

async function run(service: MeetingService, meetingId: string, input: CommandInput) {
  const r = await service.execute(meetingId, Command.parse(input), SYSTEM);
  if (!r.ok && !ALREADY.has(r.error.code)) throw new Error(`Seeding ${meetingId} failed on ${input.type}: ${r.error.message}`);
  return r;
}

/**
 * Seeds the demo meetings if the store has none, then (given its service) the WSIS consultation if
 * the store lacks it — a store from before consultations existed gets it too. Resolves true when it
 * seeded the meetings.
 */
export async function seedDemo(service: MeetingService, consultations?: ConsultationService): Promise<boolean> {
  const seeded = await seedMeetings(service);
  if (consultations) await seedConsultation(consultations, service);
  return seeded;
}

async function seedMeetings(service: MeetingService): Promise<boolean> {
  if ((await service.listMeetings()).length > 0) return false;
  for (const m of MEETINGS) {
    const created = await run(service, m.id, {
      type: 'meeting:create',
      meetingId: m.id,
      info: { title: m.title, description: m.description, kind: m.kind, startsAt: m.startsAt, endsAt: m.endsAt, timeZone: 'Europe/Zurich', speakingTimeSec: 180 },
    });
    if (!created.ok) continue; // somebody else seeded this meeting
    const people = [m.chair, ...PEOPLE.filter((p) => !m.people || m.people.includes(p.id))];
    for (const p of people) {
      await run(service, m.id, {
        type: 'participant:register',
        participantId: p.id,
        role: p === m.chair ? 'moderator' : 'participant',
        inRoom: m.kind === 'hybrid' && (p.inRoom ?? false),
        profile: { name: p.name, group: p.group, affiliation: p.affiliation, language: p.language },
      });
    }
    const itemIds: string[] = [];
    for (const item of m.agenda) {
      const r = await run(service, m.id, { type: 'agenda:add', ...item });
      const added = r.ok ? r.value.events[0]?.event : undefined;
      if (added?.type === 'agenda:itemAdded') itemIds.push(added.item.id);
    }
    const current = m.current !== undefined ? itemIds[m.current] : undefined;
    if (current) await run(service, m.id, { type: 'agenda:setCurrent', itemId: current });
  }
  return true;
}

export interface DemoLink {
  label: string;
  role: TokenClaims['role'];
  token: string;
  url: string;
}

const DEMO_LINKS_EXPIRE = Date.UTC(2100, 0, 1);

/** Long-lived links into the demo meeting: moderator, participant, projector, room bridge, invite. */
export function demoLinks(tokens: TokenSigner, baseUrl: string, meetingId = DEMO_MEETING_ID): DemoLink[] {
  // A fixed far expiry keeps the printed links identical across restarts (same secret).
  const exp = DEMO_LINKS_EXPIRE;
  const specs: Array<[string, TokenClaims]> = [
    ['Moderator (chair)', { kind: 'member', meetingId, participantId: DEMO_CHAIR_ID, role: 'moderator', exp }],
    ['Participant (Layla Haddad, ar)', { kind: 'member', meetingId, participantId: 'p-gov-eg', role: 'participant', exp }],
    ['Projector', { kind: 'member', meetingId, participantId: null, role: 'projector', exp }],
    ['Room bridge', { kind: 'member', meetingId, participantId: null, role: 'room', exp }],
    ['Participant invite', { kind: 'invite', meetingId, participantId: null, role: 'participant', exp }],
  ];
  return specs.map(([label, claims]) => {
    const token = tokens.sign(claims);
    return { label, role: claims.role, token, url: `${baseUrl}${tokenPath(claims, token)}` };
  });
}

/** The consultation's public page and the secretariat's link (a token valid until 2100). */
export function consultationLinks(tokens: ConsultationTokens, baseUrl: string, consultationId = WSIS_CONSULTATION_ID): { public: string; secretariat: string; secretariatToken: string } {
  const secretariatToken = tokens.sign({ kind: 'secretariat', consultationId, exp: DEMO_LINKS_EXPIRE });
  return {
    public: `${baseUrl}/`,
    secretariat: `${baseUrl}/c/${encodeURIComponent(consultationId)}/review?t=${encodeURIComponent(secretariatToken)}`,
    secretariatToken,
  };
}
