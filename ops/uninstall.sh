#!/usr/bin/env bash
# ops/uninstall.sh: undoes ops/install.sh on ONE Cassandra node. `uninstall.sh --help` for the options.
#
#   1. removes the ringtap -javaagent line (and its marker comment) from <conf>/jvm-server.options;
#   2. sets cdc_enabled in <conf>/cassandra.yaml back to its value in cassandra.yaml.pre-ringtap (false when there is
#      no backup or the backup does not set it); the other cdc_* keys stay (they do nothing without cdc_enabled);
#   3. removes ringtap-agent-*.jar from the folder the javaagent line named, and ringtap-triggers-*.jar from the
#      triggers folder;
#   4. keeps ringtap.yaml and the queue unless --purge.
# Running it twice changes nothing the second time. The node must be restarted afterwards.
set -euo pipefail

ME="uninstall.sh"
# shellcheck source=node-conf.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node-conf.sh"

usage() {
    cat <<EOF
Usage: $ME --cassandra-conf <dir> [options]

Removes the ringtap agent from one Cassandra node. Restart the node afterwards.

  --cassandra-conf <dir>   Cassandra's conf folder (holds cassandra.yaml and jvm-server.options). Required.
  --triggers-dir <dir>     Cassandra's triggers folder. Default: <cassandra-conf>/triggers.
  --jar-dir <dir>          Where the agent jar is, when jvm-server.options no longer names it.
  --purge                  Also delete <conf>/ringtap.yaml and the queue folder it names (events not yet in Kafka
                           are lost: check ForwardLagEntries is 0 first).
  --dry-run                Print what would change and change nothing.
  -h, --help               This help.

Before running it: DROP TRIGGER every ringtap trigger (a table whose trigger class is missing rejects writes).
Exit codes: 0 removed (or nothing to change), 1 a check failed, 2 bad usage.
EOF
}


CONF="" TRIGGERS_DIR="" JAR_DIR="" PURGE=0 DRY=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --cassandra-conf) CONF="${2:?}"; shift 2 ;;
        --triggers-dir) TRIGGERS_DIR="${2:?}"; shift 2 ;;
        --jar-dir) JAR_DIR="${2:?}"; shift 2 ;;
        --purge) PURGE=1; shift ;;
        --dry-run) DRY=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage_error "unknown option: $1" ;;
    esac
done
resolve_conf "$CONF"
[[ -n "$TRIGGERS_DIR" ]] || TRIGGERS_DIR="$CONF/triggers"


STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
CHANGES=0
[[ $DRY == 1 ]] && say "dry run: nothing is changed"

apply_file() { # <staged> <target> <label>
    cmp -s "$1" "$2" && return 0
    CHANGES=$((CHANGES + 1))
    say "edit $2 ($3)"
    diff -u --label "$2" --label "$2 (without ringtap)" "$2" "$1" | sed 's/^/    /' || true
    [[ $DRY == 1 ]] || cat "$1" > "$2"
}
remove() { # <path> <label>
    [[ -e "$1" ]] || return 0
    CHANGES=$((CHANGES + 1))
    say "remove $1 ($2)"
    [[ $DRY == 1 ]] || rm -rf -- "$1"
}

# 1. the javaagent line
if [[ -f "$JVM_OPTS" ]]; then
    line="$(grep -E '^-javaagent:.*ringtap-agent-[^/]*\.jar' "$JVM_OPTS" | head -n1 || true)"
    if [[ -n "$line" && -z "$JAR_DIR" ]]; then
        jar="${line#-javaagent:}"; jar="${jar%%=*}"; JAR_DIR="$(dirname "$jar")"
    fi
    grep -v -F -x -e "$MARK" "$JVM_OPTS" | grep -v -E '^-javaagent:.*ringtap-agent-[^/]*\.jar' > "$STAGE/jvm-server.options" || true
    apply_file "$STAGE/jvm-server.options" "$JVM_OPTS" "removes the ringtap -javaagent line"
fi

# 2. cdc_enabled back to what it was
before="false"
if [[ -f "$YAML.pre-ringtap" ]]; then
    b="$(yaml_value "$YAML.pre-ringtap" cdc_enabled)"
    [[ "$b" == true || "$b" == false ]] && before="$b"
fi
if [[ "$(yaml_value "$YAML" cdc_enabled)" != "$before" ]]; then
    awk -v value="$before" 'done || !/^cdc_enabled:([[:space:]]|$)/ { print; next } { print "cdc_enabled: " value; done = 1 }' "$YAML" > "$STAGE/cassandra.yaml"
    grep -q -E '^cdc_enabled:' "$STAGE/cassandra.yaml" || echo "cdc_enabled: $before" >> "$STAGE/cassandra.yaml"
    apply_file "$STAGE/cassandra.yaml" "$YAML" "cdc_enabled: $before, as before ringtap"
fi

# 3. jars
if [[ -n "$JAR_DIR" && -d "$JAR_DIR" ]]; then
    for f in "$JAR_DIR"/ringtap-agent-*.jar; do remove "$f" "agent jar"; done
    if [[ $DRY == 0 && "$(basename "$JAR_DIR")" == ringtap ]]; then rmdir "$JAR_DIR" 2>/dev/null || true; fi
fi
removed_trigger=0
if [[ -d "$TRIGGERS_DIR" ]]; then
    for f in "$TRIGGERS_DIR"/ringtap-triggers-*.jar; do
        [[ -e "$f" ]] && removed_trigger=1
        remove "$f" "triggers jar"
    done
fi

# 4. config and queue
if [[ $PURGE == 1 ]]; then
    if [[ -f "$RINGTAP_YAML" ]]; then
        queue="$(yaml_value "$RINGTAP_YAML" queue.directory)"
        [[ -n "$queue" && "$queue" != / ]] && remove "$queue" "the local queue: events not yet forwarded are lost"
        remove "$RINGTAP_YAML" "agent config"
    fi
elif [[ -f "$RINGTAP_YAML" ]]; then
    say "keep $RINGTAP_YAML and the queue it names (--purge deletes them)"
fi

if [[ $CHANGES == 0 ]]; then
    say "not installed: nothing to change"
    exit 0
fi
if [[ $DRY == 1 ]]; then
    say "dry run: $CHANGES change(s) planned; run without --dry-run to apply"
    exit 0
fi
say "removed ($CHANGES change(s))."
[[ $removed_trigger == 1 ]] && say "warning: a table that still has a ringtap trigger rejects writes: DROP TRIGGER them (then nodetool reloadtriggers)"
cdc_raw="$(yaml_value "$YAML" cdc_raw_directory)"
if [[ -n "$cdc_raw" && -d "$cdc_raw" ]] && compgen -G "$cdc_raw/CommitLog-*" >/dev/null; then
    say "note: $cdc_raw still holds commit-log segments not captured; delete them once the node runs without the agent"
fi
say "next: restart this Cassandra node (nodetool drain, then restart the service)."
