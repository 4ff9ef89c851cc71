#!/usr/bin/env bash
# ops/install.sh: installs the ringtap agent on ONE Cassandra 5.0 node. Run it on every node of the analytics ring
# (or on every node, with capture.datacenters set), then restart the node. `install.sh --help` for the options.
#
# What it does, each step only if needed (running it twice changes nothing the second time):
#   1. copies ringtap-agent-<version>.jar into --jar-dir (older ringtap-agent-*.jar there are removed);
#   2. adds `-javaagent:<jar>=<conf>/ringtap.yaml` to <conf>/jvm-server.options (the file Cassandra 5.0 reads for
#      every JDK; jvm11-/jvm17-server.options are JDK-specific additions), replacing an older ringtap line;
#   3. sets the CDC keys in <conf>/cassandra.yaml, editing each key's existing line in place (commented or not) and
#      appending only keys that appear nowhere; the rest of the file is left byte for byte;
#   4. copies ringtap-triggers-<version>.jar into --triggers-dir (older ringtap-triggers-*.jar there are removed);
#   5. writes a starting <conf>/ringtap.yaml if none exists (an existing one is never touched).
# Each edited file is backed up once, before its first edit, as <file>.pre-ringtap (uninstall.sh reads it).
set -euo pipefail

ME="install.sh"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=node-conf.sh
source "$HERE/node-conf.sh"

usage() {
    cat <<EOF
Usage: $ME --cassandra-conf <dir> [options]

Installs the ringtap agent on one Cassandra 5.0 node. The node must be restarted afterwards.

  --cassandra-conf <dir>     Cassandra's conf folder (holds cassandra.yaml and jvm-server.options). Required.
  --cassandra-lib <dir>      Cassandra's lib folder; the agent jar then goes to <dir>/ringtap/ by default
                             (a subfolder: Cassandra's classpath is lib/*.jar, the agent must not be on it).
  --jar-dir <dir>            Where to put the agent jar. Default: <cassandra-lib>/ringtap, else
                             <cassandra-conf>/../lib/ringtap when <cassandra-conf>/../lib exists.
  --triggers-dir <dir>       Cassandra's triggers folder. Default: <cassandra-conf>/triggers (Cassandra's default
                             when -Dcassandra.triggers_dir is not set).
  --cdc-raw <dir>            cdc_raw_directory. Default: the value already set in cassandra.yaml, else
                             <parent of commitlog_directory>/cdc_raw, else <cassandra-conf>/../data/cdc_raw.
  --cdc-total-space <size>   cdc_total_space (default 4096MiB). When cdc_raw reaches it, writes to CDC tables are
                             rejected (cdc_block_writes: true): size it for the longest Kafka outage to ride out.
  --queue-dir <dir>          queue.directory of a NEW ringtap.yaml. Default: <parent of cdc_raw>/ringtap/queue.
  --kafka <bootstrap>        kafka.bootstrap.servers of a NEW ringtap.yaml. Default: a placeholder you must edit.
  --dry-run                  Print what would change (as diffs) and change nothing.
  -h, --help                 This help.

Exit codes: 0 installed (or nothing to change), 1 a check failed (nothing changed), 2 bad usage.
EOF
}

CONF="" LIB="" JAR_DIR="" TRIGGERS_DIR="" CDC_RAW="" CDC_TOTAL="4096MiB" QUEUE_DIR="" KAFKA="" DRY=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --cassandra-conf) CONF="${2:?}"; shift 2 ;;
        --cassandra-lib) LIB="${2:?}"; shift 2 ;;
        --jar-dir) JAR_DIR="${2:?}"; shift 2 ;;
        --triggers-dir) TRIGGERS_DIR="${2:?}"; shift 2 ;;
        --cdc-raw) CDC_RAW="${2:?}"; shift 2 ;;
        --cdc-total-space) CDC_TOTAL="${2:?}"; shift 2 ;;
        --queue-dir) QUEUE_DIR="${2:?}"; shift 2 ;;
        --kafka) KAFKA="${2:?}"; shift 2 ;;
        --dry-run) DRY=1; shift ;;
        -h|--help) usage; exit 0 ;;
        *) usage_error "unknown option: $1" ;;
    esac
done

resolve_conf "$CONF"
[[ -f "$JVM_OPTS" ]] || die "$JVM_OPTS not found: Cassandra 5.0 reads its JVM options from it (create it empty if your packaging has none)"
[[ "$CDC_TOTAL" =~ ^[0-9]+(B|KiB|MiB|GiB)$ ]] || usage_error "--cdc-total-space must look like 4096MiB, got: $CDC_TOTAL"

# --- artifacts: the tarball layout (ringtap-<v>/ops/install.sh, jars in ringtap-<v>/) or the source tree ---
find_artifact() { # <name prefix>
    local f
    for f in "$HERE/.."/"$1"-*.jar "$HERE/../${1#ringtap-}/target/$1"-*.jar; do
        [[ -f "$f" && "$f" != *-sources.jar && "$f" != */original-* ]] && { (cd "$(dirname "$f")" && echo "$PWD/$(basename "$f")"); return 0; }
    done
    return 1
}
AGENT_SRC="$(find_artifact ringtap-agent)" || die "ringtap-agent-<version>.jar not found next to ops/ (run from the unpacked tarball)"
TRIGGERS_SRC="$(find_artifact ringtap-triggers)" || die "ringtap-triggers-<version>.jar not found next to ops/"
TEMPLATE="$HERE/../conf/ringtap.yaml"
[[ -f "$TEMPLATE" ]] || die "conf/ringtap.yaml not found next to ops/"

# --- where things go ---
if [[ -z "$JAR_DIR" ]]; then
    if [[ -n "$LIB" ]]; then JAR_DIR="$LIB/ringtap"
    elif [[ -d "$CONF/../lib" ]]; then JAR_DIR="$(cd "$CONF/../lib" && pwd)/ringtap"
    else usage_error "cannot guess where the agent jar goes: give --jar-dir or --cassandra-lib"; fi
fi
[[ -n "$TRIGGERS_DIR" ]] || TRIGGERS_DIR="$CONF/triggers"

if [[ -z "$CDC_RAW" ]]; then
    CDC_RAW="$(yaml_value "$YAML" cdc_raw_directory)"
    if [[ -z "$CDC_RAW" ]]; then
        commitlog="$(yaml_value "$YAML" commitlog_directory)"
        if [[ -n "$commitlog" ]]; then CDC_RAW="$(dirname "$commitlog")/cdc_raw"; else CDC_RAW="$(cd "$CONF/.." && pwd)/data/cdc_raw"; fi
    fi
fi
[[ "$CDC_RAW" == /* ]] || die "cdc_raw_directory must be an absolute path, got: $CDC_RAW"
[[ -n "$QUEUE_DIR" ]] || QUEUE_DIR="$(dirname "$CDC_RAW")/ringtap/queue"

AGENT_JAR="$JAR_DIR/$(basename "$AGENT_SRC")"
TRIGGERS_JAR="$TRIGGERS_DIR/$(basename "$TRIGGERS_SRC")"
AGENT_LINE="-javaagent:$AGENT_JAR=$RINGTAP_YAML"

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT

# --- plan: staged copies of the edited files ---

# cassandra.yaml: set <key> to <value> on its first uncommented line, else on its first commented `# key:` line,
# else on the line of its deprecated 4.0 <old> name, else append; any other set <old> line is commented out
# (5.0 refuses both names at once).
set_yaml_key() { # <file> <key> <value> [old name]
    local f="$1" key="$2" value="$3" old="${4:-}"
    awk -v key="$key" -v value="$value" -v old="$old" '
        function is_key(line, k,   re) { re = "^" k ":([[:space:]]|$)"; return line ~ re }
        function is_commented(line, k,   re) { re = "^#[[:space:]]*" k ":([[:space:]]|$)"; return line ~ re }
        { lines[NR] = $0 }
        END {
            target = 0
            for (i = 1; i <= NR; i++) if (is_key(lines[i], key)) { target = i; break }
            if (!target && old != "") for (i = 1; i <= NR; i++) if (is_key(lines[i], old)) { target = i; break }
            if (!target) for (i = 1; i <= NR; i++) if (is_commented(lines[i], key)) { target = i; break }
            for (i = 1; i <= NR; i++) {
                if (i == target) print key ": " value
                else if (old != "" && is_key(lines[i], old)) print "# " lines[i] "  # replaced by " key " (ringtap install)"
                else print lines[i]
            }
            if (!target) print key ": " value
        }' "$f" > "$f.tmp"
    # awk always ends with a newline; keep a file that had none byte-identical when nothing else changed
    mv "$f.tmp" "$f"
}

cp "$YAML" "$STAGE/cassandra.yaml"
set_yaml_key "$STAGE/cassandra.yaml" cdc_enabled true
set_yaml_key "$STAGE/cassandra.yaml" cdc_raw_directory "$CDC_RAW"
set_yaml_key "$STAGE/cassandra.yaml" cdc_total_space "$CDC_TOTAL" cdc_total_space_in_mb
set_yaml_key "$STAGE/cassandra.yaml" cdc_block_writes true
set_yaml_key "$STAGE/cassandra.yaml" cdc_free_space_check_interval 250ms cdc_free_space_check_interval_ms
if cmp -s "$STAGE/cassandra.yaml" <(cat "$YAML"; [[ -z "$(tail -c1 "$YAML")" ]] || echo); then
    cp "$YAML" "$STAGE/cassandra.yaml"   # only awk's final newline differs: not a change
fi

# jvm-server.options: our line (with its marker comment) replaces any earlier ringtap line, else is appended
awk -v line="$AGENT_LINE" -v mark="$MARK" '
    $0 == mark { next }
    /^-javaagent:.*ringtap-agent-[^\/]*\.jar/ { if (!done) { print mark; print line; done = 1 } ; next }
    { print }
    END { if (!done) { print mark; print line } }' "$JVM_OPTS" > "$STAGE/jvm-server.options"
if [[ -n "$(tail -c1 "$JVM_OPTS")" ]] && cmp -s "$STAGE/jvm-server.options" <(cat "$JVM_OPTS"; echo); then
    cp "$JVM_OPTS" "$STAGE/jvm-server.options"
fi

NEW_RINGTAP_YAML=0
if [[ ! -e "$RINGTAP_YAML" ]]; then
    NEW_RINGTAP_YAML=1
    bootstrap="${KAFKA:-CHANGE-ME-kafka-bootstrap:9092}"
    sed -E -e "s#^queue\.directory:.*#queue.directory: $QUEUE_DIR#" \
           -e "s#^kafka\.bootstrap\.servers:.*#kafka.bootstrap.servers: $bootstrap#" "$TEMPLATE" > "$STAGE/ringtap.yaml"
fi

# --- checks on the staged result, before anything is touched ---
for key in cdc_enabled cdc_raw_directory cdc_total_space cdc_block_writes cdc_free_space_check_interval; do
    n="$(grep -c -E "^$key:" "$STAGE/cassandra.yaml" || true)"
    [[ "$n" == 1 ]] || die "check failed: $key is set $n times in the edited cassandra.yaml (nothing changed)"
done
[[ "$(yaml_value "$STAGE/cassandra.yaml" cdc_enabled)" == true ]] || die "check failed: cdc_enabled is not true after the edit"
[[ "$(grep -c -F -x -- "$AGENT_LINE" "$STAGE/jvm-server.options")" == 1 ]] || die "check failed: javaagent line not exactly once"
[[ "$(grep -c -E '^-javaagent:.*ringtap-agent' "$STAGE/jvm-server.options")" == 1 ]] || die "check failed: more than one ringtap javaagent line"
if command -v python3 >/dev/null 2>&1 && python3 -c 'import yaml' 2>/dev/null; then
    python3 - "$STAGE/cassandra.yaml" <<'PY' || die "check failed: the edited cassandra.yaml does not parse as YAML (nothing changed)"
import sys, yaml
doc = yaml.safe_load(open(sys.argv[1]))
assert isinstance(doc, dict) and doc.get("cdc_enabled") is True
PY
fi

# --- report and apply ---
CHANGES=0
plan_file() { # <staged> <target> <label>
    if [[ -f "$2" ]] && cmp -s "$1" "$2"; then return 0; fi
    CHANGES=$((CHANGES + 1))
    if [[ -f "$2" ]]; then
        say "edit $2 ($3)"
        diff -u --label "$2" --label "$2 (ringtap)" "$2" "$1" | sed 's/^/    /' || true
    else
        say "create $2 ($3)"
    fi
    if [[ $DRY == 0 ]]; then
        mkdir -p "$(dirname "$2")"
        if [[ -f "$2" && ! -e "$2.pre-ringtap" ]]; then cp -p "$2" "$2.pre-ringtap"; say "  backup: $2.pre-ringtap"; fi
        if [[ -f "$2" ]]; then cat "$1" > "$2"; else cp "$1" "$2"; fi  # keep owner and mode of an existing file
    fi
}
plan_jar() { # <src> <dest dir> <glob of older versions>
    local dest="$2/$(basename "$1")" old
    for old in "$2"/$3; do
        [[ -f "$old" && "$old" != "$dest" ]] || continue
        CHANGES=$((CHANGES + 1)); say "remove older $old"
        [[ $DRY == 1 ]] || rm -f "$old"
    done
    if [[ -f "$dest" ]] && cmp -s "$1" "$dest"; then return 0; fi
    CHANGES=$((CHANGES + 1)); say "copy $(basename "$1") -> $2/"
    if [[ $DRY == 0 ]]; then mkdir -p "$2"; cp "$1" "$dest.tmp" && mv "$dest.tmp" "$dest"; fi
}

[[ $DRY == 1 ]] && say "dry run: nothing is changed"
plan_jar "$AGENT_SRC" "$JAR_DIR" 'ringtap-agent-*.jar'
plan_file "$STAGE/jvm-server.options" "$JVM_OPTS" "adds $AGENT_LINE"
plan_file "$STAGE/cassandra.yaml" "$YAML" "CDC keys"
plan_jar "$TRIGGERS_SRC" "$TRIGGERS_DIR" 'ringtap-triggers-*.jar'
if [[ $NEW_RINGTAP_YAML == 1 ]]; then
    plan_file "$STAGE/ringtap.yaml" "$RINGTAP_YAML" "starting agent config; every option: conf/ringtap-reference.yaml"
else
    say "keep $RINGTAP_YAML (exists; never overwritten)"
fi
if [[ ! -d "$CDC_RAW" ]]; then say "note: $CDC_RAW does not exist yet; Cassandra creates it at start (as its own user)"; fi

if [[ $CHANGES == 0 ]]; then
    say "already installed: nothing to change"
    exit 0
fi
if [[ $DRY == 1 ]]; then
    say "dry run: $CHANGES change(s) planned; run without --dry-run to apply"
    exit 0
fi
say "installed ($CHANGES change(s))."
if [[ $NEW_RINGTAP_YAML == 1 && -z "$KAFKA" ]]; then
    say "ACTION NEEDED: set kafka.bootstrap.servers in $RINGTAP_YAML (it holds a placeholder)"
fi
say "next: restart this Cassandra node (nodetool drain, then restart the service); then check its system.log for"
say "      'ringtap agent ready' (or 'ringtap agent disabled:' naming what to fix). Files edited: backups *.pre-ringtap."
