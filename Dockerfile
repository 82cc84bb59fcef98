# syntax=docker/dockerfile:1
# newsbot: three stages. `build` compiles TypeScript with dev dependencies; `prod-deps` installs
# only runtime dependencies (better-sqlite3 builds its native addon there, with compilers that the
# final image does not carry); `runtime` is node:20-slim with the app, running as a non-root user.

FROM node:20-slim AS build
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --ignore-scripts && npm rebuild better-sqlite3
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-slim AS prod-deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY scripts ./scripts
# prepare skips the TypeScript build here (no compiler in a production install); dist comes from `build`.
RUN npm ci --omit=dev && npm cache clean --force

FROM node:20-slim AS runtime
ENV NODE_ENV=production \
    NEWSBOT_DB=/data/newsbot.db \
    PORT=8080
WORKDIR /app
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Flags: src/ops/node-flags.ts says why (tests/ops/dockerfile.test.ts keeps them the same).
CMD ["node", "--max-old-space-size=1024", "dist/cli.js", "run"]
