# Shared by bin/sandbox and bin/invoke (sourced, not run): what they need before starting Java.

require_java() {
  command -v java >/dev/null || { echo "$1: java not found: install JDK 17 or later" >&2; exit 1; }
}

# Checks for Java, and for python3 with moto unless an AWS endpoint is given ($AWS_ENDPOINT_URL or
# --aws-endpoint among the arguments): the local DynamoDB/SQS endpoint is a moto server otherwise.
require_tools() {
  local name="$1"; shift
  require_java "$name"
  if [ -z "${AWS_ENDPOINT_URL:-}" ] && [[ " $* " != *" --aws-endpoint "* ]]; then
    command -v python3 >/dev/null || { echo "$name: python3 not found: install Python 3, then: pip install 'moto[server]'" >&2; exit 1; }
    python3 -c 'import moto.server' 2>/dev/null || { echo "$name: the moto server is missing: pip install 'moto[server]'" >&2; exit 1; }
  fi
}

# Builds sandbox/target/sandbox.jar when it is missing or a source is newer; prints its path.
# Sources are every file under a src/main/ (the shaded jar bundles resources too: the moto launcher,
# the payment page's scripts and styles), the poms and template.yaml; build output is skipped.
sandbox_jar() {
  local root="$1" jar="$1/sandbox/target/sandbox.jar" newest_source
  newest_source=$(cd "$root" && find functions sandbox testing/local-aws template.yaml pom.xml \
    -name target -prune -o -type f -newer "$jar" \
    \( -path '*/src/main/*' -o -name 'pom.xml' -o -name 'template.yaml' \) -print 2>/dev/null | head -1 || true)
  if [ ! -f "$jar" ] || [ -n "$newest_source" ]; then
    echo "building (./mvnw -q -DskipTests install)…" >&2
    (cd "$root" && ./mvnw -q -B -DskipTests install >&2)
  fi
  echo "$jar"
}

# An argument naming a file, made absolute, since the commands run from the repository root.
absolute_path() {
  case "$1" in
    /*) echo "$1" ;;
    *) echo "$PWD/$1" ;;
  esac
}

# Sets the array args to the given arguments with the file after --projects made absolute.
with_absolute_projects() {
  args=()
  while [ $# -gt 0 ]; do
    if [ "$1" = --projects ] && [ $# -gt 1 ]; then
      args+=("$1" "$(absolute_path "$2")"); shift 2
    else
      args+=("$1"); shift
    fi
  done
}
