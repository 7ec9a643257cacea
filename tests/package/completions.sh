#!/usr/bin/env bash
# completions.sh COMPLETIONS_DIR HUB_DIR CTL_DIR: sources the bash completion of
# factory-vpn-hub and factory-vpn-ctl the way bash-completion loads them, checks
# they are registered (complete -p) and what a few Tab presses expand to.
set -u
DIR=$1
export PATH="$2:$3:$PATH"
status=0
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT

for program in factory-vpn-hub factory-vpn-ctl; do
  # shellcheck source=/dev/null
  . "$DIR/$program" || { echo "FAIL: sourcing $DIR/$program"; exit 1; }
done

# expand LINE: what Tab at the end of LINE offers, sorted, one a line.
expand()
{
  local line=$1 func
  COMP_LINE=$line
  COMP_POINT=${#line}
  read -ra COMP_WORDS <<<"$line"
  [[ $line == *' ' ]] && COMP_WORDS+=("")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  func=$(complete -p "${COMP_WORDS[0]}" | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
  COMPREPLY=()
  "$func" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
  printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort
}

# expect LINE EXPECTED...: the expansions are exactly EXPECTED.
expect()
{
  local line=$1
  shift
  local got want
  got=$(expand "$line" | tr '\n' ' ' | sed 's/ $//')
  want=$(printf '%s\n' "$@" | sed '/^$/d' | sort | tr '\n' ' ' | sed 's/ $//')
  if [ "$got" = "$want" ]; then
    echo "ok: '$line<Tab>' -> ${got:-(nothing)}"
  else
    echo "FAIL: '$line<Tab>' -> '$got', expected '$want'"
    status=1
  fi
}

for program in factory-vpn-hub factory-vpn-ctl; do
  registered=$(complete -p "$program" 2>&1)
  if [[ $registered == "complete -F _factory_vpn_"*" $program" ]]; then
    echo "ok: $registered"
  else
    echo "FAIL: complete -p $program: $registered"
    status=1
  fi
done

# --- factory-vpn-hub ------------------------------------------------------------
expect "factory-vpn-hub " daemon enable enable_run update_endpoint token invite
expect "factory-vpn-hub -f acme -k /etc/factory-vpn/hub.key en" enable enable_run
expect "factory-vpn-hub -k daemon d" daemon # "daemon" after -k is the key file's name
expect "factory-vpn-hub daemon " # the command is there: nothing more to offer
expect "factory-vpn-hub token " create list revoke
expect "factory-vpn-hub invite l" list
expect "factory-vpn-hub --log-level " debug error info warning
expect "factory-vpn-hub --check-c" --check-config
expect "factory-vpn-hub daemon --no-" --no-api --no-check-ip --no-sysctl
expect "factory-vpn-hub --factory " # a value only the admin knows
expect "factory-vpn-hub --metrics-l" --metrics-listen
expect "factory-vpn-hub --metrics-listen " # an address only the admin knows
mkdir -p "$SCRATCH/etc"
: >"$SCRATCH/etc/hub.conf"
: >"$SCRATCH/etc/hub.key"
expect "factory-vpn-hub --config $SCRATCH/etc/hub.c" "$SCRATCH/etc/hub.conf"
expect "factory-vpn-hub -k $SCRATCH/etc/hub.k" "$SCRATCH/etc/hub.key"
expect "factory-vpn-hub --state-dir $SCRATCH/e" "$SCRATCH/etc"
# Every option of --help, and nothing else.
mapfile -t all < <(factory-vpn-hub --help | grep -oE '(^|[ ,])--[a-z0-9-]+' | sed 's/^[ ,]*//' | sort -u)
[ "${#all[@]}" -gt 25 ] || { echo "FAIL: only ${#all[@]} options in factory-vpn-hub --help"; status=1; }
expect "factory-vpn-hub --" "${all[@]}"

# --- factory-vpn-ctl ------------------------------------------------------------
mapfile -t commands < <(factory-vpn-ctl --help | sed -n '/^Commands:/,/^$/p' | awk '/^  [a-z]/ { print $1 }' | sort -u)
[ "${#commands[@]}" -gt 10 ] || { echo "FAIL: only ${#commands[@]} commands in factory-vpn-ctl --help"; status=1; }
expect "factory-vpn-ctl " "${commands[@]}"
expect "factory-vpn-ctl ap" approve
expect "factory-vpn-ctl --json invite " create revoke
expect "factory-vpn-ctl clients-file " get put
expect "factory-vpn-ctl device-to-device " off on
expect "factory-vpn-ctl requests --status " all approved cancelled pending rejected revoked
expect "factory-vpn-ctl --token-" --token-file
expect "factory-vpn-ctl --token-file $SCRATCH/etc/hub.c" "$SCRATCH/etc/hub.conf"
expect "factory-vpn-ctl clients-file put $SCRATCH/etc/hub.c" "$SCRATCH/etc/hub.conf"
expect "factory-vpn-ctl approve " # a request id only the hub knows

exit $status
