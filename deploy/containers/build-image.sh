#!/usr/bin/env bash
# Builds the custom image frappe_docker documents ("images/custom/Containerfile"), with ERPNext and
# Mit:Menschen in its apps list. Run it inside a checkout of frappe_docker:
#   MITMENSCHEN_GIT_URL=https://<token>@git.example.org/coop/mitmenschen.git \
#     IMAGE=registry.example.org/coop/mitmenschen:15 /path/to/deploy/containers/build-image.sh
# The app's repository holds a bench (apps/mitmenschen is the app): point MITMENSCHEN_GIT_URL at a
# repository whose root is the app, e.g. one made with `git subtree split --prefix apps/mitmenschen`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
: "${MITMENSCHEN_GIT_URL:?the app's git URL (a token in it for a private repository)}"
: "${IMAGE:=mitmenschen:version-15}"
[ -f images/custom/Containerfile ] || { echo "run this inside a checkout of frappe_docker" >&2; exit 1; }
apps_json=$(sed "s|MITMENSCHEN_GIT_URL|$MITMENSCHEN_GIT_URL|" "$here/apps.json")
docker build \
	--build-arg=FRAPPE_PATH=https://github.com/frappe/frappe \
	--build-arg=FRAPPE_BRANCH=version-15 \
	--build-arg=APPS_JSON_BASE64="$(printf '%s' "$apps_json" | base64 -w 0)" \
	--tag="$IMAGE" \
	--file=images/custom/Containerfile .
