/**
 * The domain: pure aggregates, each with its own commands, events, `decide` and `apply`.
 * - `meeting/` — one meeting: participants, agenda, speaking queue (`queue/`), polls (`polls/`),
 *   moderation, and what each audience may see (`visibility.ts`).
 * `common.ts` holds what every aggregate shares (languages, stakeholder groups, roles, errors).
 */
export * from './common.js';
export * from './meeting/index.js';
