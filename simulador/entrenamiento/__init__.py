"""Entrenamiento: ejercicios, rondas, puntaje, debrief y almacenamiento de sesiones (sin Streamlit)."""
