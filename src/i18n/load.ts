import { catalogSource, hasCatalog, registerCatalog, type Locale } from "./index.ts";

// One chunk per language: the bundler splits each dynamic import into its own file.
const loaders = {
  en: () => import("./en/index.ts").then((module) => module.en),
  es: () => import("./es/index.ts").then((module) => module.es),
};

const loading = new Map<Locale, Promise<void>>();

/**
 * Makes a language's catalog available to translate(): at once where it is built
 * in (the server), else by downloading its chunk (the browser). The same promise
 * is returned for the same language while and after it loads, as React's use() needs.
 */
export function loadCatalog(locale: Locale): Promise<void> {
  let promise = loading.get(locale);
  if (!promise) {
    const source = catalogSource(locale);
    promise = hasCatalog(locale) ? Promise.resolve() : loaders[source]().then((catalog) => registerCatalog(source, catalog), (error: unknown) => {
      // A failed download (the network dropped) is tried again by the next page that needs it.
      loading.delete(locale);
      throw error;
    });
    loading.set(locale, promise);
  }
  return promise;
}
