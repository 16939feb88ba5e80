# The README's two commands: `make run` and `make test`. Each bootstraps .venv from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check lint typecheck pytest bench acceptance clean reliability

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

# The sample issue goes into the inbox only while the store holds no issue at all, so it is
# ingested once: a restart never drops it again, whether the inbox has moved it to processed/
# or someone emptied var/inbox. The store (`syndicate status --json`), not the inbox, is asked,
# so this also holds with SYNDICATE_DATABASE=postgresql://… . If status fails (a bad config),
# nothing is copied and `syndicate run` reports the error.
run: $(STAMP)
	@mkdir -p var/inbox
	@if $(BIN)/syndicate status --json 2>/dev/null | $(BIN)/python -c \
		'import json, sys; sys.exit(json.load(sys.stdin)["issues"] != [])' 2>/dev/null; then \
		cp config/sample-issue.txt var/inbox/ && echo "make run: no issue stored yet;" \
		"copied config/sample-issue.txt into var/inbox/"; fi
	$(BIN)/syndicate run

test: acceptance check  ## acceptance first, so that pytest's summary is the last line

check: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

# The suite runs on every core (pytest-xdist); PYTEST_WORKERS=0 runs it in one process.
PYTEST_WORKERS ?= auto

pytest: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# docs/reliability.md: the crash, fault and hostile-input scenarios (they run in `make test` too).
RELIABILITY := tests/reliability tests/hostile tests/test_failpoints.py tests/newsletter/test_mailer.py \
	tests/newsletter/test_mailer_crash.py tests/wechat/test_wechat_crash.py tests/wechat/test_wechat_send.py \
	tests/wechat/test_wechat_client.py tests/store/test_ledger_processes.py tests/service/test_worker_sigterm.py \
	tests/service/test_worker_processes.py tests/service/test_sources.py tests/newsletter/test_subscribers.py \
	tests/newsletter/test_web_subscribe.py tests/newsletter/test_render_newsletter.py
# issue 16 (security round two)
RELIABILITY += tests/test_config_secrets.py tests/test_config_slugs.py tests/test_production_guard.py \
	tests/newsletter/test_csv_injection.py tests/newsletter/test_subscribe_leaks.py \
	tests/service/test_cron_vixie.py tests/store/test_worker_identity.py

reliability: $(STAMP)
	$(BIN)/python -m pytest $(RELIABILITY) $(PYTEST_ARGS)

# Every key: the shared seed and 人民日报 corpus, then this repository's keys of real issues.
acceptance: $(STAMP)
	$(BIN)/python ../shared/acceptance/check_parse.py $(BIN)/syndicate .. \
		../shared/acceptance/seed.json ../shared/acceptance/corpus.json tests/acceptance/*.json

bench: $(STAMP)  ## every bench/ module, or only some: make bench BENCH="parse latency"
	$(BIN)/python -m bench $(BENCH)

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
