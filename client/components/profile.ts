/** The editable shape of a participant's profile, shared by the join page and the profile editor. */
import type { Language, StakeholderGroup } from '../../shared/domain/common.js';

/** `group` is empty until the person chooses one. */
export interface ProfileDraft {
  name: string;
  group: StakeholderGroup | '';
  affiliation: string;
  language: Language;
  inRoom: boolean;
}
