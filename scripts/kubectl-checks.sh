# Shared by the kubectl acceptance scripts (embedded/src/test/kubectl/acceptance.sh,
# cluster/src/test/kubectl/acceptance-cluster.sh): each check runs one real kubectl invocation and greps its output
# for kubectl's exact text. Sourced, not run; the caller prints PASS/FAIL totals and sets its exit code.
PASS=0; FAIL=0

_report() { # _report OK? NAME WHAT OUTPUT COMMAND...
  local ok="$1" name="$2" what="$3" out="$4"; shift 4
  if [ "$ok" = 1 ]; then PASS=$((PASS+1)); echo "ok   $name (${SECONDS}s)"
  else FAIL=$((FAIL+1)); echo "FAIL $name: $what from: $*"; sed 's/^/     | /' <<<"$out" | head -20; fi
}
check() { # check NAME EXPECTED-REGEX -- command...
  local name="$1" want="$2"; shift 3
  local out; out="$("$@" 2>&1)"
  if grep -Eq -- "$want" <<<"$out"; then _report 1 "$name" "" "" "$@"; else _report 0 "$name" "wanted /$want/" "$out" "$@"; fi
}
absent() { # absent NAME UNWANTED-REGEX -- command...   (passes when the output does NOT match)
  local name="$1" unwanted="$2"; shift 3
  local out; out="$("$@" 2>&1)"
  if ! grep -Eq -- "$unwanted" <<<"$out"; then _report 1 "$name" "" "" "$@"; else _report 0 "$name" "did not want /$unwanted/" "$out" "$@"; fi
}
count() { # count NAME N REGEX -- command...   (exactly N output lines match)
  local name="$1" n="$2" re="$3"; shift 4
  local out; out="$("$@" 2>&1)"
  local got; got="$(grep -Ec -- "$re" <<<"$out")"
  if [ "$got" = "$n" ]; then _report 1 "$name" "" "" "$@"; else _report 0 "$name" "wanted $n lines /$re/, got $got" "$out" "$@"; fi
}
