# Two commands on a fresh machine with Python 3.11 and make:
#   make demo   — virtualenv, package, sample workbooks under demo/, their scores
#   make test   — virtualenv with the test extra, ruff, the whole test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench bench-count fuzz fuzz-files templates templates-preview clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]" --config-settings editable_mode=compat
	$(BIN)/python -m compileall -q xltools
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/python -m xltools.samples demo
	@for f in demo/*.xlsx; do echo; echo "=== $$f"; $(BIN)/xltools score "$$f" || exit 1; done
	@echo; echo "=== xltools validate demo/*.xlsx --annotate-dir demo/校验"
	@$(BIN)/xltools validate demo/*.xlsx --annotate-dir demo/校验 --force; test $$? -le 1
	@echo; echo "=== xltools summarize demo/*.xlsx -o demo/汇总/汇总表.xlsx --dept"
	@mkdir -p demo/汇总
	@$(BIN)/xltools summarize demo/*.xlsx -o demo/汇总/汇总表.xlsx --dept --force; test $$? -le 1

test: $(STAMP)
	$(BIN)/ruff check xltools tests benchmarks
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check xltools tests benchmarks

bench: $(STAMP)
	$(BIN)/python -m compileall -q xltools
	$(BIN)/python benchmarks/bench_score.py
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_summarize.py

# Instructions per file and stage (valgrind): figures that do not swing with the machine's load.
bench-count: $(STAMP)
	$(BIN)/python benchmarks/count_instructions.py
	$(BIN)/python benchmarks/count_instructions.py --layout provincial

# Hundreds of random filled templates through LibreOffice against Python (SEED=1 CASES=100 to vary).
fuzz: $(STAMP)
	$(BIN)/python -m tests.fuzz_templates --seed $(or $(SEED),1) --cases $(or $(CASES),100)

fuzz-files: $(STAMP)
	$(BIN)/python -m tests.fuzz_files --seed $(or $(SEED),1) --cases $(or $(CASES),2000)

# The committed templates are generated, never edited by hand (a test checks they are current).
templates: $(STAMP)
	$(BIN)/python -m xltools.templates.make workbook_templates

# PDF and PNG previews of the templates through LibreOffice (needs soffice and pdftoppm).
templates-preview: templates
	$(BIN)/python -m xltools.templates.make workbook_templates --preview docs/templates

clean:
	rm -rf $(VENV) demo build *.egg-info
