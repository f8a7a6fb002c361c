// Error text for the log and for messages; its own module so that parts tested without
// vscode-languageclient (the HEAD tracker) can use it.

/** The message of an Error, else the value as a string. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
