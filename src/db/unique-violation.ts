/**
 * Whether a statement failed on a unique constraint, on either database. Two app
 * servers (or two requests on one) that both look for a client key, find nothing and
 * insert, meet here: the second insert waits for the first to commit, then fails on
 * the unique index, and the command runs once more to find the first one's record.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === "23505" || (typeof message === "string" && message.includes("UNIQUE constraint failed"));
}

/** Runs `attempt`, and once more when it lost a race on a unique key (see above). */
export async function onceMoreOnUniqueViolation<T>(attempt: () => Promise<T>): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (isUniqueViolation(error)) return attempt();
    throw error;
  }
}
