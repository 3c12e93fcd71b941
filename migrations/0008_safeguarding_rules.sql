-- Who may help with what (server/features/exchanges/safeguarding.ts).
--
-- Skills that are work with children or with adults who may be vulnerable are marked in the
-- shared catalogue. Their helper must always be safeguarding-checked (a current DBS check): that
-- is regulated activity, defined by law rather than by each community, so no setting turns it
-- off. Communities add whole categories on top (timebank_settings.safeguarding_categories).
ALTER TABLE skills ADD COLUMN works_with text CHECK (works_with IN ('children', 'vulnerable_adults'));

UPDATE skills SET works_with = 'children' WHERE slug IN ('childminding', 'homework-help', 'reading-together', 'maths-tutoring');
UPDATE skills SET works_with = 'vulnerable_adults' WHERE slug IN ('befriending', 'home-visits', 'lifts-to-appointments');

-- The level a helper needs for help given in someone's home (listings.place = 'in_someones_home').
-- By default verified: a coordinator has checked their identity and address in person, so the
-- person at the door is who they say they are and can be found. A DBS check is for regulated
-- activity, which the rules above and the categories already cover; a community that wants it
-- for every home visit can choose 'safeguarding-checked'.
ALTER TABLE timebank_settings ADD COLUMN home_visit_level text NOT NULL DEFAULT 'verified'
  CHECK (home_visit_level IN ('registered', 'vouched', 'verified', 'safeguarding-checked'));
