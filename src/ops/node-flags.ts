/**
 * The Node.js flags newsbot runs with (`npm start`, the Dockerfile's CMD, and every `npm run bench`
 * section, so the figures are the deployment's).
 *
 * --max-old-space-size=1024: a 1 GB heap limit. A poll cycle allocates fast (parsed feeds, match
 * results) but keeps little: ~60 MB live at 100 000 new items. With the default limit (a quarter of
 * the machine's memory), V8 lets garbage reach ~150 MB before collecting; with 1 GB it collects
 * sooner: peak RSS of the 2 000-feed poll bench 300 → 235 MB, same speed. Raise it for a store of
 * stories far larger than the bench's (the limit is on live memory, not on garbage).
 */
export const NODE_FLAGS = ['--max-old-space-size=1024'] as const;
