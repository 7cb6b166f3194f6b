# massage-desktop: `make run` starts the app, `make test` runs every check headless.
VENV := .venv
PY := $(VENV)/bin/python
export QT_LOGGING_RULES ?= qt.multimedia.*=false

.PHONY: setup run test lint typecheck bench schema lock clean

setup:
	@bash scripts/setup.sh

run: setup
	$(VENV)/bin/massage-desktop $(ARGS)

lint: setup  # format, lint rules, and the import contracts (layers) in pyproject.toml
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/lint-imports --no-cache

# Tests are typed too. Each folder is its own run: pytest imports test helpers by their bare
# names (several folders have a conftest.py), so mypy sees them the same way. No strict
# equality: a test asserts a property before and after an action, which mypy, having narrowed
# it at the first assert, takes for a comparison that can never hold.
MYPY_TESTS := MYPYPATH=src:tests $(VENV)/bin/mypy --strict --untyped-calls-exclude pytestqt \
	--no-strict-equality

typecheck: setup
	$(VENV)/bin/mypy
	$(MYPY_TESTS) tests/conftest.py tests/builders.py tests/unit/*.py tests/unit/protocols
	$(MYPY_TESTS) tests/unit/store
	$(MYPY_TESTS) tests/unit/sound
	$(MYPY_TESTS) tests/ui
	$(MYPY_TESTS) tests/speech
	MYPYPATH=src $(VENV)/bin/mypy --strict benchmarks

test: setup lint typecheck
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/timing.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/speech.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/startup.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/history.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/tray.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/audible.py
	QT_QPA_PLATFORM=offscreen $(PY) benchmarks/animation.py

schema: setup
	$(VENV)/bin/massage-desktop schema > protocols/protocol.schema.json

# Re-resolve requirements.lock from pyproject.toml's ranges (for Linux, Python 3.11): pins kept
# where they still fit; `make lock UPGRADE=1` moves every package to the newest it allows.
# Then `make test`, and commit the lock only when it is green.
UV_VERSION := 0.13.9
lock:
	[ -x $(PY) ] || python3 -m venv $(VENV)
	$(PY) -m pip install -q "uv==$(UV_VERSION)"
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --extra dev --python-version 3.11 \
		--generate-hashes --custom-compile-command "make lock" $(if $(UPGRADE),--upgrade) \
		-o requirements.lock

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
