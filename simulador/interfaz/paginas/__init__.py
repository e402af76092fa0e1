"""Una página de la app por módulo; cada uno expone ``pagina()``."""
