import { en } from "./en/index.ts";
import { es } from "./es/index.ts";

/**
 * Every catalog, for the server, the command line and the tests: they write in
 * any language (a page in the reader's, a letter in the support person's). The
 * browser gets catalogs.browser.ts instead (package.json "imports", condition
 * "browser"), so it downloads only its page's language (decision 0046).
 */
export const builtInCatalogs = { en, es };
