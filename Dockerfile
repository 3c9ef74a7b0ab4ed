# Lianluo: the bot (and, when asked, the sandbox platform) in one image.
# Build: docker build -t lianluo .   Run: see README.md, "Deployment".

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY webhooks ./webhooks
COPY web ./web
COPY scrapers ./scrapers
COPY sandbox ./sandbox
COPY bench ./bench
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The chat page's static files (the compiled sandbox serves them from here).
COPY --from=build /app/sandbox/chat ./sandbox/chat
# The own page's static files (the compiled browser edge, dist/web, serves them from here).
COPY --from=build /app/web/me ./web/me
COPY bin ./bin
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000 4010
HEALTHCHECK --interval=30s --timeout=3s --start-period=10s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Not `npm start`: that builds first, and npm would stand between the process and SIGTERM.
CMD ["node", "dist/src/main.js"]
