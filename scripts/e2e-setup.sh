#!/usr/bin/env bash
# Installs what the editor end-to-end tests (test/e2e) need, following shared/recipes/vscode-e2e.md:
#   - Debian packages chromium (the browser), ripgrep (code-server's search/quick open) and
#     libkrb5-dev (headers for the `kerberos` native module), only those not installed yet;
#   - code-server 4.100.3 (VS Code 1.100.3, the last release that runs on Node 20) from the npm
#     registry into .cache/code-server (git-ignored), with its native modules built here.
# Idempotent and cached: when .cache/code-server/node_modules/.bin/code-server --version prints
# 4.100.3 and its native modules are built, it does nothing. A failed or interrupted install leaves no
# half-installed cache (it builds in .cache/code-server.partial and renames at the end).
# Exit status 0 when everything is in place; otherwise one line "e2e-setup: cannot install: <reason>"
# on stderr and exit 1.
# Environment: KUBEPLAN_CODE_SERVER_DIR overrides the install folder.
set -euo pipefail

CODE_SERVER_VERSION=4.100.3
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="${KUBEPLAN_CODE_SERVER_DIR:-$ROOT/.cache/code-server}"
PARTIAL="$DEST.partial"
LOG="$(dirname "$DEST")/code-server-setup.log"
APT_LOG="$(dirname "$DEST")/apt-setup.log"
APT_PACKAGES=(chromium ripgrep libkrb5-dev)

say() { echo "e2e-setup: $*"; }
trap 'rc=$?; [[ $rc == 0 || -n "${FAILED:-}" ]] || echo "e2e-setup: cannot install: unexpected error (exit $rc): $BASH_COMMAND" >&2' EXIT
fail() { FAILED=1; echo "e2e-setup: cannot install: $*" >&2; exit 1; }

# Native modules code-server needs on Linux, relative to the install folder: the terminal
# (node-pty), logging (spdlog), the kerberos auth helper, and code-server's password hashing (argon2).
native_modules_built() { # $1 = install folder
  local vs="$1/node_modules/code-server/lib/vscode/node_modules"
  local f
  for f in "$vs/node-pty/build/Release/pty.node" \
           "$vs/@vscode/spdlog/build/Release/spdlog.node" \
           "$vs/kerberos/build/Release/kerberos.node" \
           "$1/node_modules/argon2/lib/binding/napi-v3/argon2.node"; do
    [[ -f "$f" ]] || { echo "$f"; return 1; }
  done
}

# code-server writes ~/.config/code-server/config.yaml on its first run, --version included, unless
# CODE_SERVER_CONFIG names an existing file.
cs_version() { CODE_SERVER_CONFIG=/dev/null "$1" --version 2>/dev/null | grep -m1 -E '^[0-9]+\.[0-9]+\.[0-9]+ '; }

code_server_ready() { # $1 = install folder
  local bin="$1/node_modules/.bin/code-server"
  [[ -x "$bin" ]] || return 1
  local v
  v="$(cs_version "$bin")" && [[ "$v" == "$CODE_SERVER_VERSION "* ]] || return 1
  native_modules_built "$1" >/dev/null
}

# ---- Debian packages -------------------------------------------------------------------------
# shellcheck source=lib/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"
apt_install "$APT_LOG" "${APT_PACKAGES[@]}"
[[ -x /usr/bin/chromium ]] || fail "/usr/bin/chromium missing after installing chromium"
[[ -x /usr/bin/rg ]] || fail "/usr/bin/rg missing after installing ripgrep"

# ---- code-server --------------------------------------------------------------------------------
if code_server_ready "$DEST"; then
  say "code-server $CODE_SERVER_VERSION already installed in ${DEST#"$ROOT"/} (cached)"
  exit 0
fi
command -v npm >/dev/null || fail "npm not found"
mkdir -p "$(dirname "$DEST")" 2>/dev/null || fail "cannot create $(dirname "$DEST")"
command -v flock >/dev/null || fail "flock (util-linux) not found"
exec 9>"$DEST.lock"
flock 9 # another setup running at the same time: wait for it, then look again
if code_server_ready "$DEST"; then
  say "code-server $CODE_SERVER_VERSION installed by a concurrent setup"
  exit 0
fi

say "installing code-server $CODE_SERVER_VERSION into ${DEST#"$ROOT"/} (about 3 minutes; log: ${LOG#"$ROOT"/})"
started=$SECONDS
rm -rf "$PARTIAL"
mkdir -p "$PARTIAL"
: >"$LOG"
step() { # $1 = description, rest = command run in the current folder; output to the log
  local what="$1"; shift
  echo "### $what: $*" >>"$LOG"
  "$@" >>"$LOG" 2>&1 || fail "$what failed (see ${LOG#"$ROOT"/}: $(tail -n 3 "$LOG" | tr '\n' ' ' | cut -c1-300))"
}

# Our own npm settings for these installs, whatever the project's or the user's are:
# - npm 11 has an install-script policy (allowScripts). npm 11.19 only warns ("npm warn rebuild 9
#   packages have install scripts not yet covered by allowScripts") and still runs them -- checked:
#   `npm rebuild` builds the .node files -- but with strict-allow-scripts, or an npm that blocks by
#   default, the recipe's rebuild steps would silently build nothing. Those steps exist precisely to
#   run the node-gyp builds of packages chosen here, so the policy is bypassed for these commands
#   only (npm 10 ignores the unknown setting). The .node files are checked afterwards in any case.
# - npm_config_yes: node-pty's install script runs `npx node-gyp`, which must not prompt.
export npm_config_dangerously_allow_all_scripts=true
export npm_config_yes=true
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
export npm_config_loglevel=warn

cd "$PARTIAL"
echo '{ "name": "kubeplan-code-server", "private": true }' >package.json
step "npm install code-server" npm install --ignore-scripts --no-package-lock "code-server@$CODE_SERVER_VERSION"

cd "$PARTIAL/node_modules/code-server/lib/vscode"
step "npm install (lib/vscode)" npm install --ignore-scripts --omit=dev
# ripgrep's postinstall would download a binary; with bin/ present it skips, and uses Debian's rg.
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
step "npm rebuild (lib/vscode native modules)" npm rebuild
ln -sfn node_modules node_modules.asar
cd extensions
step "npm install (lib/vscode/extensions)" npm install --ignore-scripts --omit=dev

cd "$PARTIAL"
step "npm rebuild argon2" npm rebuild argon2

if ! unbuilt="$(native_modules_built "$PARTIAL")"; then
  fail "npm rebuild did not build ${unbuilt#"$PARTIAL"/} (see ${LOG#"$ROOT"/})"
fi
version="$(cs_version "$PARTIAL/node_modules/.bin/code-server")" || true
[[ "$version" == "$CODE_SERVER_VERSION "* ]] || fail "code-server --version printed '${version}', expected $CODE_SERVER_VERSION"

rm -rf "$DEST"
mv "$PARTIAL" "$DEST"
code_server_ready "$DEST" || fail "code-server does not run from ${DEST#"$ROOT"/} after moving it there"
say "code-server $version ready in $((SECONDS - started)) s"
