/**
 * What every meeting page (participant, moderator, projector, room) does on entry: find its token
 * (URL first, then the one kept on this device), open the session, send invite links to the join
 * page, send a token of another role to that role's page, and adopt the participant's language.
 */
import { onMounted, ref, shallowRef, watch } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { Role } from '../../shared/domain/common.js';
import type { AckError } from '../../shared/protocol.js';
import { setLocale } from '../i18n/index.js';
import { meetingPath, openSession, peekToken, recallToken, sessionToken } from '../lib/session.js';
import { useMeetingStore } from '../stores/meeting.js';

export type PagePhase = 'loading' | 'ready' | 'no-token' | 'failed';

/** Pages a role may open besides its own: a moderator can look at what others see. */
const ALSO_ALLOWED: Record<Role, readonly Role[]> = {
  moderator: ['participant', 'projector'],
  participant: [],
  projector: [],
  room: [],
  interpreter: [],
};

export function useMeetingPage(pageRole: Role) {
  const route = useRoute();
  const router = useRouter();
  const store = useMeetingStore();
  const phase = ref<PagePhase>('loading');
  const error = shallowRef<AckError | null>(null);

  async function enter(): Promise<void> {
    const meetingId = String(route.params.meetingId ?? '');
    const urlToken = typeof route.query.t === 'string' && route.query.t ? route.query.t : null;
    const token = urlToken ?? recallToken(meetingId, pageRole);
    if (!token) {
      phase.value = 'no-token';
      return;
    }
    if (peekToken(token)?.kind === 'invite') {
      await router.replace({ path: '/join', query: { t: token } });
      return;
    }
    phase.value = 'loading';
    const res = await openSession(token);
    if (!res.ok) {
      error.value = res.error;
      phase.value = 'failed';
      return;
    }
    const me = res.data;
    const personal = sessionToken() ?? token;
    if (me.meetingId !== meetingId || (me.role !== pageRole && !ALSO_ALLOWED[me.role].includes(pageRole))) {
      await router.replace(meetingPath(me.meetingId, me.role, personal));
      return;
    }
    if (urlToken && urlToken !== personal) await router.replace({ query: { ...route.query, t: personal } });
    adoptPreferredLanguage();
    phase.value = 'ready';
  }

  /**
   * The participant's preferred language is the page's language (the header picker writes it back
   * to the profile, so the two never disagree); only the address (?lang=) overrides it, for a view.
   */
  function adoptPreferredLanguage(): void {
    const fromUrl = typeof route.query.lang === 'string' ? route.query.lang : null;
    const lang = store.myParticipant?.language;
    if (!fromUrl && lang) setLocale(lang, { remember: true });
  }

  onMounted(enter);
  // Same view, another meeting or token (e.g. a link opened from inside the app).
  watch(
    () => [route.params.meetingId, route.query.t],
    ([m, t], [pm, pt]) => {
      if (m !== pm || (t !== pt && t !== sessionToken())) void enter();
    },
  );

  return { phase, error, store };
}
