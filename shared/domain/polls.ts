/**
 * Polls. STUB: filled in by the polls issue.
 */
import { defineConcern } from './state.js';

export interface PollsState {
  order: string[];
}

export const initialPolls = (): PollsState => ({ order: [] });

export type PollEvent = never;

export const pollsConcern = defineConcern<PollEvent>()({
  commands: [] as const,
  decide: {},
  apply: {},
});
