#!/bin/sh
# azd postdeploy: azd exports the deployment's outputs (MicrosoftAppId, GALLERYOPS_PUBLIC_HOSTNAME,
# GALLERYOPS_PLACEHOLDER_IMAGE, …) as environment variables to this hook.
set -eu
if [ "${GALLERYOPS_PLACEHOLDER_IMAGE:-false}" = "true" ]; then
  # First deployment: the app was provisioned with the placeholder; apply the bot's port and probes.
  azd provision --no-prompt
fi
# The Teams app package for this bot (manifest/build/galleryops.zip), built from the outputs.
npm run package --silent
echo "Upload manifest/build/galleryops.zip in Teams (see manifest/README.md, step 3)."
