# The project's entry points. Every target runs from the virtual environment at .venv/.
PYTHON := .venv/bin/python

.PHONY: setup demo test test-fast bench

## setup: create or update .venv/ with the pinned stack (idempotent)
setup:
	bash scripts/setup.sh

## demo: the main job - generate the sample, train a detector on CPU, score it with the official metrics
## (reproducible: the same DEMO_SEED and DEMO_THREADS give the same numbers)
DEMO_SEED ?= 0
DEMO_THREADS ?= 1
demo: setup
	.venv/bin/bdd100k-zoo demo --work-dir work_dirs/demo --seed $(DEMO_SEED) --threads $(DEMO_THREADS)

## test: the whole test suite, slow tests included (what CI runs)
test: setup
	$(PYTHON) -m pytest tests --durations=30

## test-fast: the suite without the tests marked slow
test-fast:
	$(PYTHON) -m pytest tests -m "not slow"

## bench: every benchmark (ours vs the named peer, in one run)
bench:
	for b in benchmarks/bench_*.py; do $(PYTHON) $$b || exit 1; done
