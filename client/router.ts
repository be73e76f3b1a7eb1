/**
 * Routes. Meeting pages carry the meeting in the path and the token in `?t=`; the token is also kept
 * on the device (lib/session.ts) so a page opened without it still works.
 */
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** False for the projector: no header, no controls. */
    chrome?: boolean;
  }
}

const routes: RouteRecordRaw[] = [
  // The demo's front page is its consultation; the meeting how-to lives at /welcome.
  { path: '/', name: 'landing', component: () => import('./views/ConsultationView.vue') },
  { path: '/welcome', name: 'welcome', component: () => import('./views/LandingView.vue') },
  { path: '/c/:consultationId', name: 'consultation', component: () => import('./views/ConsultationView.vue') },
  {
    path: '/c/:consultationId/calls/:callId/submit',
    name: 'consultation-submit',
    component: () => import('./views/SubmitView.vue'),
  },
  {
    path: '/c/:consultationId/edit/:submissionId',
    name: 'consultation-edit',
    component: () => import('./views/EditSubmissionView.vue'),
  },
  { path: '/c/:consultationId/review', name: 'consultation-review', component: () => import('./views/ReviewView.vue') },
  { path: '/join', name: 'join', component: () => import('./views/JoinView.vue') },
  { path: '/m/:meetingId/participant', name: 'participant', component: () => import('./views/ParticipantView.vue') },
  { path: '/m/:meetingId/moderator', name: 'moderator', component: () => import('./views/ModeratorView.vue') },
  {
    path: '/m/:meetingId/projector',
    name: 'projector',
    component: () => import('./views/ProjectorView.vue'),
    meta: { chrome: false },
  },
  { path: '/m/:meetingId/room', name: 'room', component: () => import('./views/RoomView.vue') },
  { path: '/m/:meetingId/interpreter', name: 'interpreter', component: () => import('./views/InterpreterView.vue') },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
];

export const router = createRouter({ history: createWebHistory(), routes });
