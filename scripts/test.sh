#!/usr/bin/env bash
# `npm test`: every test. Unit and integration on SQLite, integration on
# PostgreSQL, end-to-end in Chromium. Sets up what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV=test

step() { printf '\n==> %s\n' "$*"; }

step "Checking the tools"
bash scripts/ensure-chromium.sh
TEST_PG_URL="$(bash scripts/ensure-postgres.sh | tail -n 1)"
export TEST_PG_URL

step "Building the app"
# The tests run against the production build: NODE_ENV=test here would bundle React's
# development build for the browser, which is not what people get.
NODE_ENV=production npx react-router build >/dev/null

step "Type-checking"
npx react-router typegen
npx tsc --noEmit

step "Unit tests, the import cycle check (tests/architecture), and integration tests on SQLite"
TEST_DB=sqlite npx vitest run

step "Integration tests on PostgreSQL"
TEST_DB=postgres npx vitest run tests/integration

step "End-to-end tests in Chromium"
npx playwright test

step "The pseudo-locale walk: every page, PDF, calendar file and spreadsheet, for words outside the catalog (decision 0033)"
npx playwright test -c playwright.pseudo.config.ts

if [ -f scripts/reliability.ts ]; then
  step "Reliability suite"
  npm run --silent test:reliability
fi

printf '\nAll tests passed.\n'
