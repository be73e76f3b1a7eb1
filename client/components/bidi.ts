/**
 * Wraps user text (a name, a title) in Unicode first-strong isolates before it is interpolated into
 * a translated sentence, so a Latin name inside Arabic (or the reverse) keeps its punctuation in place.
 */
export const isolate = (s: string): string => `\u2068${s}\u2069`;
