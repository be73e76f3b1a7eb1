/**
 * The consultation aggregate: phases on a timeline, calls for input with deadlines in the host zone,
 * submissions and their review. Pure, like the meeting aggregate (`../meeting/`); its names carry
 * "consultation" where the meeting's are generic (`decideConsultation` beside `decide`).
 */
export * from './model.js';
export * from './time.js';
export * from './commands.js';
export * from './events.js';
export { callWindowError, decideConsultation, phaseFromInput } from './decide.js';
export { applyConsultation, applyConsultationAll } from './apply.js';
