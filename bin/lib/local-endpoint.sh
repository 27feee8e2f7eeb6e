#!/usr/bin/env bash
# The Python side of the local DynamoDB/SQS endpoint: a moto server, which needs `import moto.server`.
# The one place that finds or installs it, for every entry point:
#   - bin/sandbox, bin/invoke and .ci/run source this file and call ensure_moto;
#   - the tests (local/aws-runtime, MotoInstallation) run `bin/lib/local-endpoint.sh ensure` when the
#     python3 on their PATH lacks moto; the last line of its standard output is the python to use.
#
# ensure_moto uses python3 from PATH when it imports moto.server. Otherwise it uses a virtualenv kept in
# ${XDG_CACHE_HOME:-~/.cache}/jeton-voucher/venv, first installing moto[server] there with pip when it is
# not there yet (pip reads PIP_INDEX_URL, PIP_FIND_LINKS, PIP_NO_INDEX and its config files as usual),
# and puts that virtualenv's bin first on PATH. The system Python is never changed.
# What it installs, and where, goes to standard error; so does a one-line error when it cannot.

MOTO_REQUIREMENT="moto[server]"

# The cache virtualenv; .ci/run installs cfn-lint into it too.
cache_venv() {
  echo "${XDG_CACHE_HOME:-$HOME/.cache}/jeton-voucher/venv"
}

local_endpoint_error() {
  echo "local endpoint: $*" >&2
  return 1
}

# The reason a pip run failed, in one line: an unreachable index says so; otherwise pip's last error.
pip_failure_reason() {
  local output="$1" reason
  if grep -qE 'NewConnectionError|Failed to establish a new connection|Name or service not known|Temporary failure in name resolution|Network is unreachable|ConnectTimeout|ProxyError' <<<"$output"; then
    echo "the package index ${PIP_INDEX_URL:-https://pypi.org/simple} cannot be reached (set PIP_INDEX_URL or PIP_FIND_LINKS to one that can)"
    return
  fi
  reason=$(grep '^ERROR: ' <<<"$output" | tail -n 1 | sed 's/^ERROR: //')
  [ -n "$reason" ] || reason=$(sed '/^[[:space:]]*$/d' <<<"$output" | tail -n 1)
  # Where pip was told to look, when the environment says
  local where=""
  [ -z "${PIP_INDEX_URL:-}" ] || where+=" PIP_INDEX_URL=$PIP_INDEX_URL"
  [ -z "${PIP_NO_INDEX:-}" ] || where+=" PIP_NO_INDEX=$PIP_NO_INDEX"
  [ -z "${PIP_FIND_LINKS:-}" ] || where+=" PIP_FIND_LINKS=$PIP_FIND_LINKS"
  echo "${reason:-pip gave no reason}${where:+ (${where# })}"
}

# pip install PACKAGES... into the cache virtualenv, creating it first when needed.
cache_venv_install() {
  local venv output
  venv=$(cache_venv)
  if [ ! -x "$venv/bin/python3" ] || ! "$venv/bin/python3" -m pip --version >/dev/null 2>&1; then
    command -v python3 >/dev/null || { local_endpoint_error "cannot install $*: python3 not found (install Python 3 with its venv module)"; return 1; }
    echo "local endpoint: creating a Python virtualenv in $venv" >&2
    rm -rf "$venv"
    if ! output=$(python3 -m venv "$venv" 2>&1); then
      rm -rf "$venv"
      local_endpoint_error "cannot install $*: python3 -m venv failed ($(sed '/^[[:space:]]*$/d' <<<"$output" | tail -n 1)); install the venv module (e.g. apt-get install python3-venv)"
      return 1
    fi
  fi
  echo "local endpoint: installing $* into $venv (pip, once; later runs reuse it)" >&2
  if ! output=$("$venv/bin/python3" -m pip install --disable-pip-version-check --quiet "$@" 2>&1); then
    local_endpoint_error "cannot install $* into $venv: $(pip_failure_reason "$output")"
    return 1
  fi
}

install_moto_into() {
  local venv="$1"
  # Another run may have installed it while this one waited for the lock.
  "$venv/bin/python3" -c 'import moto.server' 2>/dev/null && return 0
  if command -v python3 >/dev/null; then
    echo "local endpoint: $(command -v python3) cannot import moto.server" >&2
  fi
  cache_venv_install "$MOTO_REQUIREMENT" || return 1
  "$venv/bin/python3" -c 'import moto.server' 2>/dev/null \
    || { local_endpoint_error "$MOTO_REQUIREMENT was installed into $venv but 'import moto.server' still fails there"; return 1; }
  echo "local endpoint: installed moto $("$venv/bin/python3" -c 'import moto; print(moto.__version__)') into $venv" >&2
}

# Runs the command with the cache virtualenv locked (flock, where there is one), so that the sandbox and a
# build started together on a fresh machine do not install into it at the same time.
with_cache_venv_lock() {
  local venv status=0
  venv=$(cache_venv)
  mkdir -p "$(dirname "$venv")" || { local_endpoint_error "cannot create $(dirname "$venv")"; return 1; }
  if ! command -v flock >/dev/null; then
    "$@"
    return
  fi
  exec 9>"$venv.lock"
  flock 9
  "$@" || status=$?
  exec 9>&-
  return "$status"
}

# Sets MOTO_PYTHON to a python that imports moto.server, installing moto into the cache virtualenv if
# needed (see the top of this file); returns 1 after a one-line error when that cannot be done.
ensure_moto() {
  local venv
  if command -v python3 >/dev/null && python3 -c 'import moto.server' 2>/dev/null; then
    MOTO_PYTHON=$(command -v python3)
    return 0
  fi
  venv=$(cache_venv)
  if ! "$venv/bin/python3" -c 'import moto.server' 2>/dev/null; then
    with_cache_venv_lock install_moto_into "$venv" || return 1
  fi
  export PATH="$venv/bin:$PATH"
  MOTO_PYTHON="$venv/bin/python3"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  case "${1:-}" in
    ensure) ensure_moto && echo "$MOTO_PYTHON" ;;
    -h|--help) echo "usage: bin/lib/local-endpoint.sh ensure   (prints the python that imports moto.server, installing moto if needed)" ;;
    *) echo "usage: bin/lib/local-endpoint.sh ensure   (prints the python that imports moto.server, installing moto if needed)" >&2; exit 2 ;;
  esac
fi
