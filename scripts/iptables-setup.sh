#!/usr/bin/env bash
# Installs what test/unit/proxy-real-{iptables,nft}.test.mjs need: the Debian packages iptables
# (iptables-nft and iptables-legacy, with ip6tables), nfacct and nftables, only those not installed yet.
# Idempotent.
# Exit status 0 when both are in place; otherwise one line "iptables-setup: cannot install: <reason>"
# on stderr and exit 1. (The test itself also needs root and `unshare --net`; it skips with a message
# when those are missing.)
set -euo pipefail

APT_PACKAGES=(iptables nfacct nftables)
fail() { echo "iptables-setup: cannot install: $*" >&2; exit 1; }

say() { echo "iptables-setup: $*"; }
# shellcheck source=lib/apt-install.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/apt-install.sh"
apt_install "${TMPDIR:-/tmp}/kubeplan-iptables-apt.log" "${APT_PACKAGES[@]}"
for cmd in iptables-restore iptables-save ip6tables-restore ip6tables-save nfacct nft; do
  command -v "$cmd" >/dev/null || fail "$cmd missing after installing ${APT_PACKAGES[*]}"
done
echo "iptables-setup: $(iptables --version), nfacct and $(nft --version) ready"
