# One image for every Node process of the platform (control plane, admission, ingest, transcoders); the compose
# file picks the entry point per service. ffmpeg comes from Debian, as on the development machines.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY apps ./apps
COPY libs ./libs
COPY transcoder ./transcoder
COPY test-support ./test-support
COPY scripts ./scripts
# The web console (apps/web) is built by Vite into dist/web, which the control plane serves at /.
RUN npx tsc -p . && npm run --silent build:web && npm prune --omit=dev

FROM node:20-bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# Migrations are read at start from libs/database/migrations (relative to the built code).
COPY --from=build /app/libs/database/migrations ./libs/database/migrations
USER node
EXPOSE 3000
CMD ["node", "dist/apps/control-plane/src/main.js"]
