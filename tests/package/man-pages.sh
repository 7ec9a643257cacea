#!/usr/bin/env bash
# man-pages.sh PAGE.gz...: each page renders with man -l, without a single groff
# or man warning, and has the sections a complete page needs.
set -u
status=0
for page in "$@"; do
  name=$(basename "$page" .gz)
  if [ ! -s "$page" ]; then
    echo "FAIL: $page is missing or empty"; status=1; continue
  fi
  warnings=$(MANWIDTH=80 man --warnings=all -l "$page" 2>&1 >/dev/null)
  text=$(MANWIDTH=80 man -l "$page" 2>/dev/null | col -b)
  if [ -n "$warnings" ]; then
    echo "FAIL: $name: man -l warns:"; printf '%s\n' "$warnings" | sed 's/^/    /'; status=1
  fi
  want=(NAME SYNOPSIS DESCRIPTION OPTIONS "EXIT STATUS" "SEE ALSO")
  case $name in
    factory-vpn-hub.8) want+=(FILES ENVIRONMENT "CONFIGURATION FILE" SECRETS SERVICE SIGNALS EXAMPLES) ;;
    factory-vpn-ctl.1) want+=(ENVIRONMENT) ;;
    factory-vpn.1) want+=(FILES ENVIRONMENT) ;;
  esac
  for section in "${want[@]}"; do
    if ! printf '%s\n' "$text" | grep -qx "$section"; then
      echo "FAIL: $name has no section $section"; status=1
    fi
  done
  case $name in
    factory-vpn-hub.8) options=(--check-config --config --apitoken-file --privatekey --admin-listen) ;;
    factory-vpn-ctl.1) options=(--token-file --url --json) ;;
    *) options=(--add-hub --lang --version) ;;
  esac
  for option in "${options[@]}"; do
    printf '%s\n' "$text" | grep -q -- "$option" || { echo "FAIL: $name does not mention $option"; status=1; }
  done
  lines=$(printf '%s\n' "$text" | wc -l)
  echo "rendered: $name ($lines lines): $(printf '%s\n' "$text" | sed -n '4p' | tr -s ' ')"
done
exit $status
