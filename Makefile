# Two commands for a fresh machine: `make run` and `make test` (see README.md).
SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
PYTHON312 ?= $(shell PYENV_VERSION=3.12.1 pyenv which python 2>/dev/null || command -v python3.12)
PORT ?= 8000
VENV := .venv
BD := $(VENV)/bin/breachdesk

.PHONY: install system-deps test-system-deps run test test-sqlite test-postgres lint bench clean

# Every optional extra too (GOV.UK Notify, Outlook .msg, Redis), so the tests exercise them.
install: system-deps
	@command -v uv >/dev/null || python3 -m pip install --quiet "uv>=0.13,<0.14"
	@test -n "$(PYTHON312)" || { echo "Python 3.12 is needed (pyenv 3.12.1 or python3.12)"; exit 1; }
	uv sync --frozen --quiet --all-extras --python "$(PYTHON312)"

# Libraries WeasyPrint needs for PDF letters and reports (HarfBuzz-Subset: a missing one is a
# DeprecationWarning at import, which the tests treat as an error).
system-deps:
	@./scripts/apt-ensure libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core libhyperscan-dev

# The browser the browser tests drive: Debian's chromium, never a downloaded build; and
# axe-core, the accessibility checker the browser tests run in each page.
AXE_VERSION := 4.14.1
test-system-deps:
	@./scripts/apt-ensure chromium
	@test -f var/node/node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund --prefix var/node axe-core@$(AXE_VERSION)

run: install
	BREACHDESK_ENV=development $(BD) manage migrate --no-input
	BREACHDESK_ENV=development $(BD) demo
	BREACHDESK_ENV=development $(BD) serve --worker --port $(PORT)

test: install test-system-deps
	./scripts/test

lint: install
	$(VENV)/bin/ruff check breachdesk tests bench

clean:
	rm -rf $(VENV) .pytest_cache breachdesk.sqlite3
