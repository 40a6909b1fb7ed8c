/**
 * Sets environment variables for a call in this process (`undefined` unsets one) and returns what puts every one of
 * them back as it was.
 * @example const restore = setEnv({ PANEL_FILE: "p.csv", PANEL_MAPPING: undefined }); try { run(); } finally { restore(); }
 */
export function setEnv(env: Record<string, string | undefined>): () => void {
  const saved = Object.keys(env).map((name) => [name, process.env[name]] as const);
  const assign = (name: string, value: string | undefined): void => {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  };
  for (const [name, value] of Object.entries(env)) assign(name, value);
  return () => saved.forEach(([name, value]) => assign(name, value));
}
