# Shared by bin/sandbox and bin/invoke (sourced, not run): what they need before starting Java.
. "$(dirname "${BASH_SOURCE[0]}")/local-endpoint.sh"

require_java() {
  command -v java >/dev/null || { echo "$1: java not found: install JDK 17 or later" >&2; exit 1; }
}

# Checks for Java, and, unless an AWS endpoint is given ($AWS_ENDPOINT_URL or --aws-endpoint among the
# arguments), makes sure python3 can run the moto server that is the local DynamoDB/SQS endpoint otherwise:
# ensure_moto installs moto into a cache virtualenv on first use and puts it first on PATH (local-endpoint.sh).
require_tools() {
  local name="$1"; shift
  require_java "$name"
  if [ -z "${AWS_ENDPOINT_URL:-}" ] && [[ " $* " != *" --aws-endpoint "* ]]; then
    ensure_moto || { echo "$name: no local AWS endpoint (see the line above); or give one with --aws-endpoint URL" >&2; exit 1; }
  fi
}

# Builds local/sandbox/target/sandbox.jar when it is missing or a source is newer; prints its path.
# Sources are every file under a src/main/ (the shaded jar bundles resources too: the moto launcher,
# the payment page's scripts and styles), the poms and template.yaml; build output is skipped.
sandbox_jar() {
  local root="$1" jar="$1/local/sandbox/target/sandbox.jar" newest_source
  newest_source=$(cd "$root" && find functions libraries local template.yaml pom.xml \
    -name target -prune -o -type f -newer "$jar" \
    \( -path '*/src/main/*' -o -name 'pom.xml' -o -name 'template.yaml' \) -print 2>/dev/null | head -1 || true)
  if [ ! -f "$jar" ] || [ -n "$newest_source" ]; then
    build_jars "$root"
  fi
  echo "$jar"
}

# ./mvnw -B -DskipTests install, shown one module at a time on stderr (a first build prints every module
# of the reactor as it starts, with the seconds so far); Maven's full output goes to a log, shown in part
# when the build fails.
build_jars() {
  local root="$1" log="$1/target/build.log" started=$SECONDS status line module
  mkdir -p "$root/target"
  if [ -f "$root/local/sandbox/target/sandbox.jar" ]; then
    echo "building: sources changed since the last build (./mvnw -B -DskipTests install; log: $log)" >&2
  else
    # Measured on two shared cores: 64 s with Maven's repository filled, 293 s from an empty one (140 MB downloaded).
    echo "building: first build (./mvnw -B -DskipTests install, log: $log): about 1 minute, or about 5 when Maven first downloads its plugins and the libraries (140 MB)" >&2
  fi
  : >"$log"
  local downloads=0
  while IFS= read -r line; do
    printf '%s\n' "$line" >>"$log"
    if [[ "$line" == "[INFO] Downloaded from "* ]]; then
      # Maven's own per-file lines would be hundreds on a first build: one line says it, the count ends it.
      [ "$downloads" -gt 0 ] || echo "  downloading plugins and libraries from Maven Central ($((SECONDS - started)) s)" >&2
      downloads=$((downloads + 1))
    fi
    # [INFO] Building local-aws-runtime: the local AWS runtime ... 1.0.0-SNAPSHOT [2/21]
    if [[ "$line" =~ ^\[INFO\]\ Building\ (.+)\ [^\ ]+\ \[([0-9]+/[0-9]+)\]$ ]]; then
      module="${BASH_REMATCH[1]%%: *}"
      printf '  [%s] %s (%s s)\n' "${BASH_REMATCH[2]}" "$module" "$((SECONDS - started))" >&2
    fi
  done < <(cd "$root" && ./mvnw -B -DskipTests install 2>&1; echo "maven exit status: $?")
  status=$(tail -n 1 "$log" | sed -n 's/^maven exit status: //p')
  if [ "${status:-1}" != 0 ]; then
    grep -E '^\[ERROR\]' "$log" | head -n 20 >&2 || true
    echo "build failed (./mvnw exit ${status:-unknown}) after $((SECONDS - started)) s; the whole output is in $log" >&2
    exit 1
  fi
  if [ "$downloads" -gt 0 ]; then
    echo "built in $((SECONDS - started)) s, $downloads files downloaded into Maven's repository" >&2
  else
    echo "built in $((SECONDS - started)) s" >&2
  fi
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
