#!/usr/bin/env bash
# Set up a fresh Debian machine for this project:
#  - Debian packages: the libraries WeasyPrint needs to render PDFs (Pango, HarfBuzz);
#    Chromium (and its headless shell, which the tests drive) and Node.js/npm for the browser tests;
#  - a virtualenv (.venv) with the pinned Python packages of requirements.txt (every
#    transitive one, with hashes) and this project's package, uprkit (editable: the MkDocs
#    plugin `upr` and the `upr` command);
#  - from package-lock.json: axe-core (accessibility checks in the browser tests), and the
#    web editor Sveltia CMS with its fonts (copied into the site at /admin/ by the build).
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")"

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium chromium-headless-shell)
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
npm_files=(node_modules/axe-core/axe.min.js node_modules/@sveltia/cms/dist/sveltia-cms.js
           node_modules/@fontsource-variable/material-symbols-outlined/package.json)
for file in "${npm_files[@]}"; do
  [ -f "$file" ] || { npm ci --omit=dev --no-audit --no-fund --silent; break; }
done
