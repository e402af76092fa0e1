"""Páginas de capacitación: sala del participante, panel del capacitador y tarjetas de rol."""
