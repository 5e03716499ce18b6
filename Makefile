# Mobilise: `make run` to try it, `make test` to check it. Needs Python >= 3.11 and Node >= 20.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE ?= mobilise.settings.dev

.PHONY: run test install assets migrate demo lint typecheck bench load lock clean system-libs

run: install assets migrate demo
	@echo ""
	@echo "  Mobilise is running at http://$(HOST):$(PORT)"
	@echo "  Demo sign-in: convenor@demo.mobilise.localhost / change-together-2026"
	@echo "  (every demo person uses the same password; see README.md)"
	@echo ""
	@# The background worker (imports, big analyses) runs beside the web server and stops with it.
	$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

$(VENV)/.stamp-install: requirements/dev.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Mobilise needs Python 3.11 or newer")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

install: system-libs $(VENV)/.stamp-install

# WeasyPrint (board papers as PDF) needs Pango, HarfBuzz and a font. Installed with apt-get when
# missing and we are root on Debian; otherwise it says what to install.
PDF_LIBS := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core
system-libs:
	@if ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' && fc-list 2>/dev/null | grep -q .; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(PDF_LIBS); \
	else echo "Board papers as PDF need Pango and a font: install $(PDF_LIBS) (or your system's equivalents)"; fi

node_modules/.stamp-npm: package.json package-lock.json
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 20 ? 0 : 1)' || (echo "Mobilise needs Node.js 20 or newer" && exit 1)
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

mobilise/static/vendor/.stamp-build: node_modules/.stamp-npm scripts/build-assets.mjs
	npm run --silent build
	touch $@

assets: mobilise/static/vendor/.stamp-build

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py seed_demo

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy

test: install assets
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	DJANGO_SETTINGS_MODULE=mobilise.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=mobilise.settings.production SECRET_KEY=check-deploy-$$(date +%s)-a-long-random-enough-secret-key-value ALLOWED_HOSTS=mobilise.example.nhs.uk $(PY) manage.py check --deploy --fail-level WARNING
	DJANGO_SETTINGS_MODULE=mobilise.settings.test $(PY) -m pytest

bench: install
	$(PY) -m pip install --quiet abspc==1.1.0
	$(PY) -m pip install --quiet -e '.[embeddings]'
	@# Every benchmark runs even when an earlier one misses its target; the run fails at the end.
	@# bench/region.py is a simulation with no target (PostgreSQL, minutes, GBs): run it on its own.
	@failed=""; for script in bench/*.py; do \
	  case $$script in bench/locustfile.py|bench/region.py) continue;; esac; \
	  echo "== $$script"; $(PY) $$script || failed="$$failed $$script"; done; \
	if [ -n "$$failed" ]; then echo "Missed a target:$$failed"; exit 1; fi

# Proof under load (issue 15): gunicorn on PostgreSQL seeded as one integrated care system, locust
# at 50 requests a second for LOAD_MINUTES (default 2), then a ramp. Summary in .load/last.json,
# printed again by `make bench`. DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/h_load.
load: install assets
	$(PY) bench/load.py --run

lock: install
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -q -o requirements/dev.txt
	$(VENV)/bin/uv pip compile pyproject.toml --python-version 3.11 -q -o requirements/base.txt

clean:
	rm -rf $(VENV) node_modules mobilise/static/vendor staticfiles mobilise.sqlite3*
