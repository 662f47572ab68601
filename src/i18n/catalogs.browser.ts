/**
 * In the browser no catalog is built in: app/entry.client.tsx loads the page's
 * language (load.ts) before it hydrates, so the other language's words are never
 * downloaded (decision 0046).
 */
export const builtInCatalogs = {};
