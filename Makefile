# Simulador de Cobranza: instalar, correr la app y probar en una máquina Debian nueva.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.instalado

.PHONY: run test instalar lint tipos bench validar docs validacion limpiar test-rapido test-lento

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

instalar: $(STAMP)

run: $(STAMP)
	$(BIN)/streamlit run app.py --server.headless true --browser.gatherUsageStats false

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/pytest

test-rapido: $(STAMP)
	$(BIN)/pytest -m "not lento and not navegador"

test-lento: $(STAMP)
	$(BIN)/pytest -m lento

lint: $(STAMP)
	$(BIN)/ruff check .

tipos: $(STAMP)
	$(BIN)/mypy

validar: $(STAMP)
	$(BIN)/simulador validar escenarios/*.yaml politicas/*.yaml escenarios/ejercicios/*.yaml

docs: $(STAMP)
	$(BIN)/python -m simulador.documentacion

validacion: $(STAMP)
	$(BIN)/python -m simulador.validacion

bench: $(STAMP)
	$(BIN)/python bench/correr_todo.py

limpiar:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache artefactos
