# GalleryOps container image. Build: docker build -t galleryops:<tag> .   (see docs/operations.md)
# The production stage runs on the base image's Node (24 LTS); the `node` devDependency that pins Node for
# npm scripts on developer machines is never installed there.
ARG NODE_IMAGE=node:24-bookworm-slim

# --- build: dev dependencies + TypeScript compile -------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# --ignore-scripts: the only approved install script downloads the `node` devDependency's binary, which this
# stage does not need (the base image is Node 24); tsc runs on the base image's node below.
RUN npm ci --ignore-scripts --no-audit --no-fund
# The whole build context (.dockerignore keeps out node_modules, dist, .data, .env and git): tsconfig.build.json
# compiles src, the emulator, the scripts and the benchmarks with the test helpers they import.
COPY . .
RUN ./node_modules/.bin/tsc -p tsconfig.build.json

# --- runtime: production dependencies + built files, non-root -------------------------------------------
FROM ${NODE_IMAGE} AS runtime
# --max-semi-space-size=4: measured with `npm run bench -- --only memory` (README "Memory and V8 heap settings"):
# peak RSS under load 0.59–0.85× Node's default at the same CPU per command; capping old space cost 11 % CPU.
ENV NODE_ENV=production \
    GALLERYOPS_PLAYGROUND=off \
    PORT=3978 \
    NODE_OPTIONS=--max-semi-space-size=4
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
# What the bot reads at run time: the compiled bot (dist/src), the emulator and its demo seed (the embedded
# demo when no Azure settings are given), the operator scripts (store:check, audit:verify as
# `node dist/scripts/…`), the card templates and the example/demo config.
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/emulator ./dist/emulator
COPY --from=build /app/dist/scripts ./dist/scripts
COPY cards ./cards
COPY config ./config
COPY emulator/seed ./emulator/seed
# The embedded store's folder (one instance, e.g. `docker run -v`): the only place the app user may write.
RUN mkdir -p /app/.data && chown node:node /app/.data
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/index.js"]
