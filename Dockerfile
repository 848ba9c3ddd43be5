# Verksted in a container: build the client and the server, then run only what
# `node server/dist/main.js` needs, as an unprivileged user, with the boards on a volume.
#
#   docker build -t verksted .
#   docker run -d -p 3000:3000 -v verksted-data:/data --name verksted verksted
#   docker exec verksted node server/dist/cli.js list        # administration (see README)

# --- build ---------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /src
# The manifests first: the dependency layer stays cached until one of them or the lockfile changes.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.base.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN npx --yes pnpm@10.34.9 install --frozen-lockfile
COPY . .
RUN npx --yes pnpm@10.34.9 build
# The server with its production dependencies only; @verksted/shared (built above) is copied in.
RUN npx --yes pnpm@10.34.9 --filter @verksted/server deploy --prod --legacy /out/server

# --- runtime -------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
# The layout of the repository, so the server finds the client at its default CLIENT_DIST.
COPY --from=build /out/server/package.json server/package.json
COPY --from=build /out/server/node_modules server/node_modules
COPY --from=build /out/server/dist server/dist
COPY --from=build /src/client/dist client/dist
# The image's `node` user (uid 1000) owns the data; a new named volume takes this ownership.
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# No curl in the slim image: Node's own fetch checks that the server answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM: websockets get 1012 (clients reconnect), boards are flushed, then the process exits.
CMD ["node", "server/dist/main.js"]
