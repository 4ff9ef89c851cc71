# Sourced by ops/install.sh and ops/uninstall.sh (which set ME first): what both know about a node's conf folder.

die() { echo "$ME: $*" >&2; exit 1; }
usage_error() { echo "$ME: $*" >&2; echo "Try: $ME --help" >&2; exit 2; }
say() { echo "$ME: $*"; }

# The comment line install.sh writes above its -javaagent line, and uninstall.sh looks for.
MARK="# ringtap CDC agent (ops/install.sh; ops/uninstall.sh removes it)"

# Checks --cassandra-conf <dir> and sets CONF (absolute), YAML, JVM_OPTS and RINGTAP_YAML.
resolve_conf() { # <conf dir as given>
    [[ -n "$1" ]] || usage_error "--cassandra-conf is required"
    [[ -d "$1" ]] || die "no such folder: $1"
    CONF="$(cd "$1" && pwd)"
    YAML="$CONF/cassandra.yaml"
    JVM_OPTS="$CONF/jvm-server.options"
    RINGTAP_YAML="$CONF/ringtap.yaml"
    [[ -f "$YAML" ]] || die "$YAML not found: is $CONF Cassandra's conf folder?"
}

# The value of an uncommented top-level `key: value` line, quotes and trailing comment stripped; empty when absent.
yaml_value() { # <file> <key>
    sed -n -E "s/^$2:[[:space:]]*(.*[^[:space:]])?[[:space:]]*$/\1/p" "$1" | head -n1 | sed -E "s/^['\"](.*)['\"]$/\1/; s/[[:space:]]+#.*$//"
}
