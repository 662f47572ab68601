import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { HydratedRouter } from "react-router/dom";
import { localeFor } from "../src/i18n/index.ts";
import { loadCatalog } from "../src/i18n/load.ts";

// React Router's default entry, after one step: the catalog of the page's language
// (the root writes it as <html lang>) is downloaded first, so hydration renders the
// same words as the server did. The browser never downloads the other catalogs
// unless a page needs them (decision 0046).
await loadCatalog(localeFor(document.documentElement.lang));

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <HydratedRouter />
    </StrictMode>,
  );
});
