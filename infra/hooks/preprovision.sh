#!/bin/sh
# azd preprovision: what the deployment needs that nobody should type by hand.
set -eu
if [ -z "$(azd env get-value GALLERY_SCOPES 2>/dev/null || true)" ]; then
  echo "Set the galleries GalleryOps reads first, e.g.:" >&2
  echo "  azd env set GALLERY_SCOPES /subscriptions/<id>/resourceGroups/<rg>[,…]" >&2
  exit 1
fi
# The evidence signing key: made once per environment and kept in azd's environment (.azure/<env>/.env, not
# in git) and in Key Vault. Rotation is deliberate (EVIDENCE_SIGNING_KEYS=<new>,<old>): see docs/operations.md.
if [ -z "$(azd env get-value EVIDENCE_SIGNING_KEYS 2>/dev/null || true)" ]; then
  azd env set EVIDENCE_SIGNING_KEYS "$(openssl rand -base64 48)"
fi
# The secret Event Grid's webhook URL carries (?code=…), made once like the key.
if [ -z "$(azd env get-value EVENT_GRID_SECRET 2>/dev/null || true)" ]; then
  azd env set EVENT_GRID_SECRET "$(openssl rand -hex 32)"
fi
# An operator's policy file, when one is named (POLICY_PATH=config/policy.json): passed base64-encoded.
policy_path="$(azd env get-value POLICY_PATH 2>/dev/null || true)"
if [ -n "$policy_path" ]; then
  azd env set POLICY_BASE64 "$(base64 < "$policy_path" | tr -d '\n')"
fi
