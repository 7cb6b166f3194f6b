# massage-desktop: `make run` starts the app, `make test` runs every check headless.
VENV := .venv
PY := $(VENV)/bin/python
export QT_LOGGING_RULES ?= qt.multimedia.*=false

.PHONY: setup run test lint typecheck bench schema clean

setup:
	@bash scripts/setup.sh

run: setup
	$(VENV)/bin/massage-desktop $(ARGS)

lint: setup
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/ruff check src tests benchmarks

typecheck: setup
	$(VENV)/bin/mypy

test: setup lint typecheck
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/timing.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/speech.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/startup.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/history.py

schema: setup
	$(VENV)/bin/massage-desktop schema > protocols/protocol.schema.json

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
