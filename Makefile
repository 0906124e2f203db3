# ConstructOS — the two commands: `make up` and `make test`.
SHELL := /usr/bin/env bash

.PHONY: up down test lint fmt schema rbac logs token

## Build, start the broker, migrate and seed, and serve the whole stack in the background.
up:
	@scripts/up.sh

## Stop what `make up` started.
down:
	@scripts/down.sh

## Every test: unit, integration against PostgreSQL and the broker, end to end through the gateway.
test:
	@scripts/test.sh

## Formatting and clippy, as CI checks them.
lint:
	@scripts/lint.sh

fmt:
	cargo fmt --all

## Regenerate the checked-in GraphQL SDL.
schema:
	@scripts/constructos.sh print-schema > schemas/graphql/schema.graphql

## Regenerate docs/rbac.md from the permission matrix.
rbac:
	@scripts/constructos.sh print-rbac > docs/rbac.md

logs:
	@tail -f .data/logs/constructos.log

## Print a development token: make token ROLES=Finance_User,Site_Manager SUB=alice
token:
	@scripts/constructos.sh dev-token --sub "$${SUB:-dev}" --roles "$${ROLES:-Admin}"
