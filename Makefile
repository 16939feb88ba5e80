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

run: $(STAMP)
	@mkdir -p var/inbox
	@ls var/inbox/*.txt >/dev/null 2>&1 || cp config/sample-issue.txt var/inbox/
	$(BIN)/syndicate run

test: check

check: lint typecheck pytest

lint: $(STAMP)
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# docs/reliability.md: the crash, fault and hostile-input scenarios (they run in `make test` too).
RELIABILITY := tests/reliability tests/hostile tests/test_failpoints.py tests/test_mailer.py \
	tests/test_mailer_crash.py tests/test_wechat_crash.py tests/test_wechat_send.py \
	tests/test_wechat_client.py tests/test_ledger_processes.py tests/test_worker_sigterm.py \
	tests/test_worker_processes.py tests/test_sources.py tests/test_subscribers.py \
	tests/test_web_subscribe.py tests/test_render_newsletter.py

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
