import { defineConfig } from "vitest/config";

// Unit tests sit beside the code in src/; tests/architecture checks the code's shape (no
// import cycles); integration tests in tests/integration run against the database TEST_DB
// names (sqlite or postgres), each file on its own database.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "app/**/*.test.ts", "app/**/*.test.tsx", "bench/**/*.test.ts", "tests/architecture/**/*.test.ts", "tests/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // An audit key made at test time (src/db/audit-trail.ts refuses to open a database without one).
    setupFiles: ["tests/support/audit-env.ts"],
  },
});
