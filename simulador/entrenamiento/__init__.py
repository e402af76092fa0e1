"""Entrenamiento: ejercicios, rondas, puntaje, debrief y almacenamiento de sesiones.

Python puro (sin Streamlit). Importar este paquete registra el tipo de archivo «ejercicio» para
que ``simulador validar`` reconozca los archivos de ``escenarios/ejercicios/``.
"""

from simulador.entrenamiento.ejercicio import Ejercicio, cargar_ejercicio, ejercicios_disponibles

__all__ = ["Ejercicio", "cargar_ejercicio", "ejercicios_disponibles"]
