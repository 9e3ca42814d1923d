# One command per chore. `make help` lists them.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= examples/01-covered-family.json

.DEFAULT_GOAL := help

help: ## List the chores
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(BIN)/zairyu: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $(BIN)/zairyu

install: system $(BIN)/zairyu ## Create .venv and install zairyu with its development tools

system: ## Install the Debian packages listed in scripts/debian-packages.d/ (only the missing ones)
	scripts/debian-packages

run: install ## Start the web application on a throwaway store, with a demo organisation and users printed
	$(BIN)/zairyu demo

example: install ## Assess an example household in the terminal (EXAMPLE=path to choose another)
	$(BIN)/zairyu assess $(EXAMPLE)

test: install ## Run the whole test suite (starts PostgreSQL first where this machine has it)
	scripts/services-up
	$(BIN)/pytest

check: install ## zairyu check on every policy: the formal checks with z3 (minutes)
	$(BIN)/pytest -m solver tests/checks

lint: install ## ruff and mypy (strict on the core packages)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

format: install ## Format the code with ruff
	$(BIN)/ruff format src tests benchmarks
	$(BIN)/ruff check --fix src tests benchmarks

serve: install ## Serve the JSON API on http://127.0.0.1:8000/api/v1 (SQLite in ~/.local/share/zairyu)
	$(BIN)/zairyu serve

schema: install ## Regenerate schemas/household.schema.json
	$(BIN)/zairyu schema --out schemas/household.schema.json

bench: install ## Time zairyu against OpenFisca, ZEN and a plain loop, paired (BENCH_ARGS=--large adds 10M, 20M)
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

docs: install schema ## Regenerate docs/cli.md (the command reference) and the schema
	$(BIN)/zairyu cli-reference --out docs/cli.md

.PHONY: help system install run example test check lint format schema serve docs bench
