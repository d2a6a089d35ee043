# Sourced by the setup scripts: apt_install LOG PACKAGE… installs the Debian packages not installed yet
# (idempotent; needs root only when something is missing). Uses the caller's `fail` and `say`.
apt_install() {
  local log="$1"
  shift
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  command -v apt-get >/dev/null || fail "apt-get not found (not Debian?): install ${missing[*]} by hand"
  [[ "$(id -u)" == 0 ]] || fail "Debian packages ${missing[*]} are missing and installing them needs root"
  say "apt-get install ${missing[*]} (log: $log)"
  mkdir -p "$(dirname "$log")" 2>/dev/null || fail "cannot create $(dirname "$log")"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >"$log" 2>&1 || fail "apt-get update failed: $(tail -n 2 "$log" | tr '\n' ' ')"
  apt-get install -y -qq "${missing[@]}" >>"$log" 2>&1 || fail "apt-get install ${missing[*]} failed: $(tail -n 2 "$log" | tr '\n' ' ')"
}
