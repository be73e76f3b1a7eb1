/**
 * The domain: pure aggregates, each with its own commands, events, `decide` and `apply`.
 * - `meeting/` — one meeting: participants, agenda, speaking queue (`queue/`), polls (`polls/`),
 *   moderation, and what each audience may see (`visibility.ts`).
 * - `consultation/` — one open consultation: phases, calls for input with deadlines in the host
 *   zone, submissions and their review (names prefixed: `decideConsultation`, `ConsultationEvent`).
 * `common.ts` holds what every aggregate shares (languages, stakeholder groups, roles, errors).
 */
export * from './common.js';
export * from './meeting/index.js';
export * from './consultation/index.js';
