# Shared by the scripts in this folder: finds the checkout and a JDK 21+, builds on first use.
# shellcheck shell=bash
IOBENCH_HOME=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export IOBENCH_HOME

# The java to run tools with: $JAVA_HOME/bin/java if set, else java on the PATH; must be 21+.
iobench_java() {
  local java=java
  [ -n "${JAVA_HOME:-}" ] && java="$JAVA_HOME/bin/java"
  if ! command -v "$java" >/dev/null 2>&1; then
    echo "iobench: no java found; install a JDK 21+ and set JAVA_HOME" >&2
    exit 1
  fi
  local version
  version=$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
  if [ -z "$version" ] || [ "${version%%.*}" -lt 21 ]; then
    echo "iobench: $java is Java ${version:-unknown}; iobench needs JDK 21+ (set JAVA_HOME)" >&2
    exit 1
  fi
  echo "$java"
}

# Builds the project (without tests) unless the given file exists and no source or pom is newer than it.
iobench_ensure_built() {
  local needed=$1 why=""
  if [ ! -e "$needed" ]; then
    why="first use"
  else
    # a pull or an edit since the build: running the old jars would record the new commit in env.properties
    local changed
    changed=$(find "$IOBENCH_HOME" \( -name target -o -path "$IOBENCH_HOME/results" -o -name .git \) -prune -o \
      -type f \( -path '*/src/*' -o -name pom.xml \) -newer "$needed" -print -quit 2>/dev/null || true)
    [ -z "$changed" ] || why="${changed#"$IOBENCH_HOME"/} changed since the last build"
  fi
  if [ -n "$why" ]; then
    echo "iobench: $why: building with '$IOBENCH_HOME/mvnw -q -DskipTests package' ..." >&2
    (cd "$IOBENCH_HOME" && ./mvnw -q -B -DskipTests package) >&2 || {
      echo "iobench: build failed; run '$IOBENCH_HOME/mvnw -DskipTests package' to see why" >&2
      exit 1
    }
    # Maven leaves an up-to-date jar as it was: the build is what makes it current
    touch "$needed"
  fi
}
