# Everything a fresh machine (Python 3.11 + pip) needs is installed from here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-test
BSTAMP := $(VENV)/.installed-bench
NSTAMP := $(VENV)/.installed-notebook
MSTAMP := $(VENV)/.installed-mutate

.PHONY: figures test test-slow test-all bench notebook mutate lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

$(BSTAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[bench]'
	touch $@

$(NSTAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[notebook]'
	touch $@

$(MSTAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[mutate]'
	touch $@

## Regenerate the paper's figures and tables (paper/figures, paper/tables) from the default case
## (`gametheory figures`; CASE=file.toml for another case, OUT=dir for another folder).
figures: $(STAMP)
	MPLBACKEND=Agg $(PY) -m gametheory figures $(if $(CASE),--case $(CASE)) $(if $(OUT),--out $(OUT))

## Open the notebooks in JupyterLab, from the project's environment (installs the `notebook` extra).
notebook: $(NSTAMP)
	$(VENV)/bin/jupyter lab notebooks/

## The whole test suite, notebooks included (long property runs excluded: see test-slow).
test: $(STAMP)
	MPLBACKEND=Agg $(PY) -m pytest -m "not slow" -q

## Long property runs (random hypothesis examples, 10x as many) and exhaustive sweeps.
test-slow: $(STAMP)
	MPLBACKEND=Agg HYPOTHESIS_PROFILE=slow $(PY) -m pytest -q

test-all: $(STAMP)
	MPLBACKEND=Agg $(PY) -m pytest -q

## Side-by-side benchmarks against the peer libraries (results in benchmarks/README.md).
bench: $(BSTAMP)
	$(PY) -m benchmarks.run

## Mutation testing (mutmut) of the solvers, one module at a time against its own tests; not
## part of `make test` (hours for every module). Results and survivors: docs/mutation.md.
## PATHS="gametheory/models/cluster.py" picks modules, TESTS="tests/test_x.py" their tests,
## SAMPLE=100 runs a random sample of 100 mutants per module.
mutate: $(MSTAMP)
	MPLBACKEND=Agg $(PY) tools/mutate.py $(PATHS) $(if $(TESTS),--tests $(TESTS)) $(if $(SAMPLE),--sample $(SAMPLE))

lint: $(STAMP)
	$(PY) -m pip install --quiet ruff
	$(VENV)/bin/ruff check gametheory tests benchmarks tools

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis .mutmut
