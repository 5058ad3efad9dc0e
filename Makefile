# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PORT ?= 8501
# Debian packages: `dot` for diagrams, a Hangul font for Korean, Chromium for browser tests
# and for plotly's image export (kaleido), nginx for the two-replica failover test,
# Fashion-MNIST's original files for training (installed under /usr/share/datasets).
APT_PACKAGES := graphviz fonts-nanum chromium chromium-driver nginx dataset-fashion-mnist

.PHONY: run test check lint typecheck unit e2e bench weights notebooks system venv clean

# Prints the teacher's link and, where there is a display, opens it once the server answers:
# that browser is the teacher (visualizer/roles.py); everyone else is a student.
# static/ (app_pages/live_chart.py's copy of plotly.js) made first: missing at the start, Streamlit
# warned beside the teacher's link that it had no static folder.
run: system venv
	@mkdir -p static
	@$(PY) -m visualizer teacher-link --port $(PORT) --open & \
	$(VENV)/bin/streamlit run serve.py --server.port $(PORT) --server.headless true

# The four lecture networks trained on Fashion-MNIST (17 min on two cores), then the four
# networks of the ResNet paper's Figure 1 (plain and residual, 20 and 56 layers; 20 min); a
# network already trained with the same recipe is skipped. bench/RESULTS.md has the details.
weights: system venv
	$(PY) -m visualizer train alexnet googlenet resnet18 densenet121 \
		plain20 resnet20 plain56 resnet56 --skip-done

# The lecture notebooks' own networks (models/notebooks.py: d2l's GoogLeNet and ResNet-18, the
# DenseNet notebook's network) on Fashion-MNIST, with the recipes in visualizer/train.py (2, 2
# and 1.25 epochs: 0.892, 0.904 and 0.904 here, 15 minutes on two cores; bench/RESULTS.md); the
# lessons' notebook tabs show the results. Their checkpoints live in the cache folder, as the
# others. The notebooks' own recipes against ours: `python -m bench notebook_recipes`; the
# AlexNet notebook's experiment: `python -m bench alexnet_notebook` (both ship their results in
# visualizer/resources/notebooks/).
notebooks: system venv
	$(PY) -m visualizer train resnet18_d2l googlenet_d2l densenet_notebook --skip-done

# Three workers on two cores: a browser test's worker mostly waits for its browser and server.
# Two workers: 15:12 of pytest; three: 13:14, the cores 90-100% busy throughout (vmstat;
# 2026-12-06, quiet machine). `--dist loadgroup` keeps each xdist_group on one worker
# (tests/xdist_groups.py): one server for the browser tests, the measured pages trained once.
test: system venv lint typecheck
	$(PY) -m pytest -q -n 3 --dist loadgroup

# The fast lane while working: lint, types and the unit tests that take no browser, no page
# run, no training and no extra Python process (`-m "not e2e and not slow"`); `make test` runs
# everything. The three run side by side, each one's output printed whole when it ends (-O):
# mypy over 171 files takes 20-25 s without its cache (.mypy_cache, kept between runs), under
# a second with it. 48 s in all without mypy's cache, 43 s with it (2026-12-05, quiet machine).
check: venv
	@$(MAKE) --no-print-directory -j 3 -O lint typecheck unit

unit: venv
	$(PY) -m pytest -q -n 2 -m "not e2e and not slow"

lint: venv
	$(VENV)/bin/ruff check .

typecheck: venv
	$(VENV)/bin/mypy

bench: system venv
	$(PY) -m bench

# Installs the Debian packages only when something is missing (root or sudo needed once).
system:
	@missing=""; \
	command -v dot >/dev/null || missing="$$missing graphviz"; \
	fc-list 2>/dev/null | grep -qi nanum || missing="$$missing fonts-nanum"; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium"; \
	command -v chromedriver >/dev/null || missing="$$missing chromium-driver"; \
	[ -x /usr/sbin/nginx ] || missing="$$missing nginx"; \
	[ -f /usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz ] || missing="$$missing dataset-fashion-mnist"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	fi

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	@[ -x $(PY) ] || $(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed: installing python3-venv"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq python3-venv >/dev/null && \
	  $(PYTHON) -m venv $(VENV); }
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
