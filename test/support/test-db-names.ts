// Names shared by the global setup/teardown and each test file's database.

/** The same server's maintenance database, for CREATE/DROP DATABASE. */
export function adminUrl(url: string): string {
  return withDatabase(url, 'postgres');
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** One template per jest run (the parent process's pid), so parallel runs do not collide. */
export function templateName(): string {
  return process.env.FK_TEMPLATE_DB ?? `fk_template_${process.pid}`;
}
