# Resurs: `make run` starts the system with demo data; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: run test setup demo lint check messages compilemessages bench clean

$(STAMP): requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.lock
	touch $(STAMP)

setup: $(STAMP)
	mkdir -p var
	$(BIN)/python scripts/compile_messages.py

run: setup
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py migrate --noinput
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py seed --scale demo
	DEBUG=$${DEBUG:-1} $(BIN)/python manage.py runserver $(HOST)

PYTEST_WORKERS ?= auto

test: setup
	DEBUG=0 SECRET_KEY=test-secret-key-not-for-production $(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

check: setup
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python scripts/check_translations.py
	DEBUG=0 SECRET_KEY=$$(head -c 48 /dev/urandom | base64) ALLOWED_HOSTS=resurs.example.org \
		$(BIN)/python manage.py check --deploy --fail-level WARNING

messages: setup
	DEBUG=1 $(BIN)/python manage.py makemessages -l ru --no-location --no-obsolete -i ".venv/*" -i "var/*"
	$(BIN)/python scripts/compile_messages.py

bench: setup
	$(BIN)/python bench/run.py

lock:
	$(PYTHON) -m venv /tmp/resurs-lock && /tmp/resurs-lock/bin/pip install -q -r requirements.in && \
		/tmp/resurs-lock/bin/pip freeze > requirements.lock
