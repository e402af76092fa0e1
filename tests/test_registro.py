"""Los acumuladores del motor arman las tablas en el orden documentado."""

import numpy as np

from simulador.motor.registro import COD_COSTO, RegistroCostos


def test_costos_por_dia_primero_bloques_y_despues_filas_en_orden_de_llegada() -> None:
    reg = RegistroCostos()
    reg.filas(3, np.array([7, 8]), "comision_agencia", np.array([500, 0]))  # el cero se omite
    reg.bloque(3, np.array([1, 2]), "email", 10)
    reg.bloque(1, np.array([9]), "llamada", 300)
    reg.filas(1, np.array([4]), "comision_agencia", np.array([250]))
    reg.bloque(3, np.array([5]), "sms", 20)
    costos = reg.cerrar()
    assert costos.dia.tolist() == [1, 1, 3, 3, 3, 3]
    assert costos.cliente.tolist() == [9, 4, 1, 2, 5, 7]
    assert costos.centavos.tolist() == [300, 250, 10, 10, 20, 500]
    assert costos.tipo.tolist() == [COD_COSTO[t] for t in (
        "llamada", "comision_agencia", "email", "email", "sms", "comision_agencia")]
    # cerrar otra vez da la misma tabla
    otra = reg.cerrar()
    assert otra.cliente.tolist() == costos.cliente.tolist()


def test_costos_vacios() -> None:
    costos = RegistroCostos().cerrar()
    assert costos.dia.size == 0 and costos.centavos.dtype == np.int64
