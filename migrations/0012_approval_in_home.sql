-- A community can ask a coordinator to approve every exchange of help given in someone's home
-- (listings.place = 'in_someones_home'), whatever its category, as well as the categories it
-- lists in approval_categories (server/features/exchanges/approval.ts).
ALTER TABLE timebank_settings ADD COLUMN approval_in_home boolean NOT NULL DEFAULT false;
