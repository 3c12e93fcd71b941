import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z.string().optional(),
  SESSION_SECRET: z.string().min(16).optional(),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Kith <no-reply@kith.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
  WEB_DIST: z.string().default('./dist/web'),
});

/** Everything the app reads from the environment, parsed once. */
export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  production: boolean;
  webDist: string;
  /** Secure cookies only when served over https. */
  secureCookies: boolean;
  /** Sign-in attempts allowed per account / per address in the window before 429. */
  signInLimits: { perAccount: number; perAddress: number; windowMinutes: number };
  sessionDays: number;
  secret: string;
};

/** Reads configuration from environment variables, with safe defaults for a local start. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = envSchema.parse(env);
  const publicUrl = parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`;
  return {
    port: parsed.PORT,
    host: parsed.HOST,
    databaseUrl: parsed.DATABASE_URL || undefined,
    dataDir: resolve(parsed.DATA_DIR),
    publicUrl,
    smtpUrl: parsed.SMTP_URL || undefined,
    mailFrom: parsed.MAIL_FROM,
    logLevel: parsed.LOG_LEVEL,
    production: parsed.NODE_ENV === 'production',
    webDist: resolve(parsed.WEB_DIST),
    secureCookies: publicUrl.startsWith('https://'),
    signInLimits: { perAccount: 5, perAddress: 20, windowMinutes: 15 },
    sessionDays: 30,
    secret: parsed.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    ...overrides,
  };
}
