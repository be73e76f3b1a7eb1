/** Alertes (français) : l’invite du microphone pour la parole, hors ligne, un vote ouvert, une demande retirée. */
export default {
  floor: {
    title: 'Vous avez la parole',
    body: 'Le modérateur vous a donné la parole. Ouvrez votre microphone pour que la réunion vous entende.',
    open: 'Ouvrir mon microphone',
    opening: 'Ouverture du microphone…',
  },
  offline: {
    banner: 'Vous êtes hors ligne. Reconnexion… Rien n’est envoyé tant que la connexion n’est pas rétablie.',
  },
  poll: {
    opened: 'Un vote est ouvert : {question}',
    go: 'Aller au bulletin',
  },
  request: {
    removed: 'Le modérateur a retiré votre demande de parole.',
    undone: 'Votre demande de parole a été retirée lorsque le modérateur a annulé une action.',
    cleared: 'Le modérateur a vidé la liste des orateurs : votre demande a été retirée.',
  },
  undoBlocked: 'Votre dernière action ne peut plus être annulée : d’autres ont modifié la liste ou la parole depuis.',
};
