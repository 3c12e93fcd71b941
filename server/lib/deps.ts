import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database, Db } from '../db/client.ts';
import type { Mailer } from './mailer.ts';

/** What a feature's routes and services may use; passed in, never imported as globals. */
export type Deps = {
  config: Config;
  database: Database;
  db: Db;
  mailer: Mailer;
  log: Logger;
};

/** A feature's route module: registers its routes on the typed app. */
export type Feature = (app: FastifyInstance, deps: Deps) => void | Promise<void>;
