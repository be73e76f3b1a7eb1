/** Removing participants and revoking invitation links (French). */
export default {
  remove: {
    action: 'Retirer de la réunion',
    actionNamed: 'Retirer de la réunion : {name}',
    confirmTitle: 'Retirer {name} de la réunion ?',
    explain: 'La personne est déconnectée immédiatement et ne peut plus revenir avec son lien. Ses demandes de parole en attente sont retirées ; ses interventions passées restent au compte rendu.',
    reason: 'Motif (facultatif, visible des seuls modérateurs)',
    confirm: 'Retirer',
    cancel: 'Annuler',
    done: '{name} a été retiré(e) de la réunion.',
  },
  removed: {
    title: 'Retirés',
    reason: 'Motif : {reason}',
    restore: 'Réadmettre',
    restoreNamed: 'Réadmettre {name}',
    restored: '{name} peut de nouveau rejoindre la réunion.',
  },
  page: {
    title: 'Vous ne participez plus à cette réunion',
    hint: 'S’il s’agit selon vous d’une erreur, contactez le secrétariat de la réunion.',
  },
  invites: {
    title: 'Liens actifs',
    none: 'Aucun lien actif.',
    created: 'Créé le {date}',
    expires: 'Valable jusqu’au {date}',
    revoke: 'Révoquer',
    revokeNamed: 'Révoquer le lien {role} créé le {date}',
    confirm: 'Révoquer ce lien ? Plus personne ne pourra l’utiliser ; les personnes déjà entrées restent.',
    revoked: 'Lien révoqué.',
  },
} as const;
