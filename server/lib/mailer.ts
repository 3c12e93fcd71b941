import { eq } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { outbox } from '../db/schema.ts';

export type Mail = { to: string; subject: string; body: string };

/** Sends mail by SMTP when configured; otherwise keeps it in the outbox the admin reads in the app. */
export type Mailer = { send(db: Db, mail: Mail): Promise<void> };

/** Builds the mailer from config: every message is recorded in `outbox`, SMTP is used when set. */
export function createMailer(options: { smtpUrl?: string; from: string; log: Logger }): Mailer {
  const transport: Transporter | undefined = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : undefined;
  return {
    async send(db, mail) {
      if (!transport) {
        await db.insert(outbox).values({ toAddress: mail.to, subject: mail.subject, body: mail.body, transport: 'outbox' });
        return;
      }
      const [row] = await db.insert(outbox).values({ toAddress: mail.to, subject: mail.subject, body: mail.body, transport: 'smtp' }).returning({ id: outbox.id });
      // Sending happens after the request's transaction; a failure is logged and kept on the row.
      transport
        .sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.body })
        .then(() => db.update(outbox).set({ sentAt: new Date() }).where(eqId(row.id)))
        .catch((error: Error) => {
          options.log.error({ err: error, outboxId: row.id }, 'mail delivery failed');
          return db.update(outbox).set({ error: error.message }).where(eqId(row.id));
        });
    },
  };
}

const eqId = (id: string) => eq(outbox.id, id);
