#!/usr/bin/env bash
# Each signing secret set must be complete or absent. The workflow passes "true"/"false" for
# whether each secret is set (never the secret itself). Exit 1 naming what is missing.
set -u
fail=0
# all_or_none NAME...: every named variable "true", or every one "false".
all_or_none() {
  local set=() unset=()
  for name in "$@"; do
    if [ "${!name:-false}" = "true" ]; then set+=("$name"); else unset+=("$name"); fi
  done
  if [ ${#set[@]} -gt 0 ] && [ ${#unset[@]} -gt 0 ]; then
    echo "::error::signing secrets half configured: ${set[*]} set but ${unset[*]} missing"
    fail=1
  fi
}
all_or_none WINDOWS_CERTIFICATE WINDOWS_CERTIFICATE_PASSWORD
all_or_none APPLE_CERTIFICATE APPLE_CERTIFICATE_PASSWORD APPLE_SIGNING_IDENTITY
all_or_none APPLE_ID APPLE_PASSWORD APPLE_TEAM_ID
# Notarizing needs a Developer ID signature first.
if [ "${APPLE_ID:-false}" = "true" ] && [ "${APPLE_CERTIFICATE:-false}" != "true" ]; then
  echo "::error::APPLE_ID (notarization) is set but APPLE_CERTIFICATE (signing) is not"
  fail=1
fi
[ $fail -eq 0 ] && echo "signing secrets: complete or absent"
exit $fail
