#!/bin/sh
# m365agents.yml's provision: the Azure resources through azd (the environment named like the toolkit's), then
# the outputs the Teams app package needs, as the toolkit takes a script's outputs: `::set-teamsfx-env NAME=value`
# lines, which it writes to env/.env.<name> and gives the next steps.
set -eu
environment="${1:?usage: agents-toolkit-provision.sh <azd environment name>}"
azd provision --no-prompt --environment "$environment"
for name in MicrosoftAppId GALLERYOPS_PUBLIC_HOSTNAME BOT_ENDPOINT; do
  echo "::set-teamsfx-env $name=$(azd env get-value "$name" --environment "$environment")"
done
