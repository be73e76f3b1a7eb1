/** Events of the consultation aggregate: what the log records. Every event carries `at` (epoch ms). */
import type { ActionLine, AttachmentMeta, Call, ConsultationInfo, Phase, Submission, SubmissionChanges, SubmissionStatus, Theme } from './model.js';

export type ConsultationEvent =
  | { type: 'consultation:created'; at: number; consultationId: string; info: ConsultationInfo }
  | { type: 'consultation:updated'; at: number; changes: Partial<ConsultationInfo> }
  | { type: 'phase:added'; at: number; phase: Phase }
  | { type: 'phase:updated'; at: number; phase: Phase }
  | { type: 'phase:removed'; at: number; phaseId: string }
  | { type: 'call:added'; at: number; call: Call }
  | { type: 'call:extended'; at: number; callId: string; deadline: string; closesAt: number; reason: string }
  | { type: 'theme:added'; at: number; theme: Theme }
  | { type: 'submission:created'; at: number; submission: Submission }
  | { type: 'submission:edited'; at: number; submissionId: string; changes: SubmissionChanges }
  | { type: 'submission:attached'; at: number; submissionId: string; attachment: AttachmentMeta | null }
  | { type: 'submission:withdrawn'; at: number; submissionId: string }
  | { type: 'submission:reviewed'; at: number; submissionId: string; status: Exclude<SubmissionStatus, 'withdrawn'>; duplicateOf: string | null; note: string }
  | { type: 'submission:tagged'; at: number; submissionId: string; actionLines: ActionLine[]; themes: string[] }
  | { type: 'submission:published'; at: number; submissionId: string; published: boolean }
  | { type: 'submission:agendaLinked'; at: number; submissionId: string; meetingId: string; itemId: string; linked: boolean };

export type ConsultationEventType = ConsultationEvent['type'];

/** An event with the version it got in the consultation's log. */
export interface VersionedConsultationEvent {
  v: number;
  event: ConsultationEvent;
}
