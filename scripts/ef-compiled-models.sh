#!/usr/bin/env bash
# Regenerates the EF Core compiled models of the three provider contexts (src/PrivacyDesk.Web/Data/CompiledModels),
# which the app runs on instead of building its model at every start (docs/adr/0028-startup-migration-check.md). Run it after
# any change to an entity or its configuration, beside `dotnet ef migrations add`; CompiledModelTests fails while a
# compiled model is stale. Usage: bash scripts/ef-compiled-models.sh
set -euo pipefail
cd "$(dirname "$0")/.."
models=src/PrivacyDesk.Web/Data/CompiledModels
# The old models go first: the build must not depend on them, and optimize writes every file anew.
rm -rf "$models"
dotnet build src/PrivacyDesk.Web -c Release -nologo -v quiet
for provider in Sqlite Postgres SqlServer; do
    dotnet ef dbcontext optimize --no-build --configuration Release --project src/PrivacyDesk.Web \
        --context "${provider}DbContext" --output-dir "Data/CompiledModels/$provider" \
        --namespace "PrivacyDesk.Web.Data.CompiledModels.$provider" >/dev/null
    echo "compiled model: $models/$provider ($(ls "$models/$provider" | wc -l) files)"
done
