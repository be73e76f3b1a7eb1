/** Alerts that interrupt (English): the floor's microphone prompt, offline, an open poll, a removed request. */
export default {
  floor: {
    title: 'You have the floor',
    body: 'The moderator gave you the floor. Open your microphone so the meeting can hear you.',
    open: 'Open my microphone',
    opening: 'Opening the microphone…',
  },
  offline: {
    banner: 'You are offline. Reconnecting… Nothing you do is sent until the connection is back.',
  },
  poll: {
    opened: 'A poll is open: {question}',
    go: 'Go to the ballot',
  },
  request: {
    removed: 'The moderator removed your request to speak.',
    undone: 'Your request to speak was taken back when the moderator undid an action.',
    cleared: 'The moderator cleared the list of speakers: your request was removed.',
  },
  undoBlocked: 'Your last action can no longer be undone: others changed the list or the floor since.',
};
