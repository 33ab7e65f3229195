# Sourced by the script tests: TAP-style "ok - …" / "not ok - …" lines and a tally.
#   check "what" command args...     runs the command; ok when it succeeds
#   has PATTERN TEXT                 grep -q PATTERN in TEXT
#   finish                           prints the tally; the script's status is 1 if any failed
passed=0 failed=0
check() { local what=$1; shift; if "$@"; then echo "ok - $what"; passed=$((passed + 1)); else echo "not ok - $what"; failed=$((failed + 1)); fi; }
has() { grep -q -- "$1" <<<"$2"; }
finish() { echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; }
