-- Steps in a person's exchanges by email (server/features/offers/exchange-emails.ts): off until
-- they turn it on, like the matching-request emails. A background job emails the exchange
-- notifications such a person has not read in the app after a short while, several in one
-- message, and marks each as emailed so none is sent twice.
ALTER TABLE notification_preferences ADD COLUMN exchanges_email boolean NOT NULL DEFAULT false;
ALTER TABLE notifications ADD COLUMN emailed_at timestamptz;
