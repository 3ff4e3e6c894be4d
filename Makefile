# Shuniu: `make run` starts everything; `make test` runs lint, types and the whole suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test install lint types pytest fuzz messages clean-venv

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is required")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@

install: $(VENV)/.installed

run: install
	PORT=$(PORT) bash scripts/run.sh

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

types: install
	$(BIN)/mypy

pytest: install
	bash scripts/test.sh

fuzz: install
	bash scripts/api_fuzz.sh

test: lint types pytest fuzz

messages: install
	SHUNIU_DEV=1 $(BIN)/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=staticfiles --ignore=var
	SHUNIU_DEV=1 $(BIN)/python manage.py compilemessages -l en --ignore=.venv

clean-venv:
	rm -rf $(VENV)
