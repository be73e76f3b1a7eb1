/** Avisos (español): el aviso del micrófono al dar la palabra, sin conexión, una votación abierta, una solicitud retirada. */
export default {
  floor: {
    title: 'Tiene la palabra',
    body: 'El moderador le ha dado la palabra. Abra su micrófono para que la reunión le escuche.',
    open: 'Abrir mi micrófono',
    opening: 'Abriendo el micrófono…',
  },
  offline: {
    banner: 'Está sin conexión. Reconectando… No se envía nada hasta que vuelva la conexión.',
  },
  poll: {
    opened: 'Hay una votación abierta: {question}',
    go: 'Ir a la papeleta',
  },
  request: {
    removed: 'El moderador retiró su solicitud de palabra.',
    undone: 'Su solicitud de palabra se retiró cuando el moderador deshizo una acción.',
    cleared: 'El moderador vació la lista de oradores: su solicitud se retiró.',
  },
  undoBlocked: 'Su última acción ya no se puede deshacer: otros han cambiado la lista o la palabra desde entonces.',
};
