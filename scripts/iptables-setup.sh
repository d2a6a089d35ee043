#!/usr/bin/env bash
# Installs what test/unit/proxy-real-iptables.test.mjs needs: the Debian packages iptables (iptables-nft
# and iptables-legacy, with ip6tables) and nfacct, only those not installed yet. Idempotent.
# Exit status 0 when both are in place; otherwise one line "iptables-setup: cannot install: <reason>"
# on stderr and exit 1. (The test itself also needs root and `unshare --net`; it skips with a message
# when those are missing.)
set -euo pipefail

APT_PACKAGES=(iptables nfacct)
fail() { echo "iptables-setup: cannot install: $*" >&2; exit 1; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  command -v apt-get >/dev/null || fail "apt-get not found (not Debian?): install ${missing[*]} by hand"
  [[ "$(id -u)" == 0 ]] || fail "Debian packages ${missing[*]} are missing and installing them needs root"
  echo "iptables-setup: apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  log="$(mktemp)"
  apt-get update -qq >"$log" 2>&1 || fail "apt-get update failed: $(tail -n 2 "$log" | tr '\n' ' ')"
  apt-get install -y -qq "${missing[@]}" >>"$log" 2>&1 || fail "apt-get install ${missing[*]} failed: $(tail -n 2 "$log" | tr '\n' ' ')"
  rm -f "$log"
fi
for cmd in iptables-restore iptables-save ip6tables-restore ip6tables-save nfacct; do
  command -v "$cmd" >/dev/null || fail "$cmd missing after installing ${APT_PACKAGES[*]}"
done
echo "iptables-setup: $(iptables --version) and nfacct ready"
