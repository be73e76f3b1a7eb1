/** Removing participants and revoking invitation links (Spanish). */
export default {
  remove: {
    action: 'Retirar de la reunión',
    actionNamed: 'Retirar de la reunión: {name}',
    confirmTitle: '¿Retirar a {name} de la reunión?',
    explain: 'Se le desconecta de inmediato y no puede volver a entrar con su enlace. Sus solicitudes de palabra pendientes se retiran; sus intervenciones anteriores constan en el registro.',
    reason: 'Motivo (opcional, solo lo ven los moderadores)',
    confirm: 'Retirar',
    cancel: 'Cancelar',
    done: '{name} ha sido retirado/a de la reunión.',
  },
  removed: {
    title: 'Retirados',
    reason: 'Motivo: {reason}',
    restore: 'Readmitir',
    restoreNamed: 'Readmitir a {name}',
    restored: '{name} puede volver a unirse a la reunión.',
  },
  page: {
    title: 'Ya no participa en esta reunión',
    hint: 'Si cree que se trata de un error, póngase en contacto con la secretaría de la reunión.',
  },
  invites: {
    title: 'Enlaces activos',
    none: 'No hay enlaces activos.',
    created: 'Creado el {date}',
    expires: 'Válido hasta el {date}',
    revoke: 'Revocar',
    revokeNamed: 'Revocar el enlace de {role} creado el {date}',
    confirm: '¿Revocar este enlace? Nadie podrá usarlo ya; quienes ya entraron permanecen.',
    revoked: 'Enlace revocado.',
  },
} as const;
