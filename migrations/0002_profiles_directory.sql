-- Profiles and the member directory: a starter list of time-bank skills, and a full-text
-- search document per profile kept up to date by triggers, so that every writer (the profile
-- routes, the demo generator, account deletion) leaves the directory searchable.

INSERT INTO skills (slug, label, category) VALUES
  ('gardening', 'Gardening', 'home-garden'),
  ('lawn-mowing', 'Lawn mowing', 'home-garden'),
  ('diy-repairs', 'Small DIY repairs', 'home-garden'),
  ('painting-decorating', 'Painting and decorating', 'home-garden'),
  ('flat-pack-furniture', 'Building flat-pack furniture', 'home-garden'),
  ('cleaning', 'Cleaning', 'home-garden'),
  ('bike-repair', 'Bike repair', 'home-garden'),
  ('befriending', 'Befriending', 'care-company'),
  ('phone-check-ins', 'Friendly phone calls', 'care-company'),
  ('home-visits', 'Visiting someone at home', 'care-company'),
  ('shopping-errands', 'Shopping and errands', 'care-company'),
  ('dog-walking', 'Dog walking', 'care-company'),
  ('pet-sitting', 'Pet sitting', 'care-company'),
  ('childminding', 'Looking after children', 'care-company'),
  ('lifts-to-appointments', 'Lifts to appointments', 'getting-about'),
  ('accompanied-walks', 'Walking with someone', 'getting-about'),
  ('moving-help', 'Help moving house', 'getting-about'),
  ('homework-help', 'Homework help', 'learning'),
  ('english-conversation', 'English conversation practice', 'learning'),
  ('language-teaching', 'Teaching a language', 'learning'),
  ('music-lessons', 'Music lessons', 'learning'),
  ('maths-tutoring', 'Maths tutoring', 'learning'),
  ('reading-together', 'Reading together', 'learning'),
  ('computer-help', 'Computer help', 'computers-phones'),
  ('smartphone-help', 'Smartphone and tablet help', 'computers-phones'),
  ('video-calls', 'Setting up video calls', 'computers-phones'),
  ('knitting', 'Knitting', 'arts-crafts'),
  ('sewing-mending', 'Sewing and mending', 'arts-crafts'),
  ('photography', 'Photography', 'arts-crafts'),
  ('arts-crafts', 'Arts and crafts', 'arts-crafts'),
  ('cooking-meals', 'Cooking meals', 'food'),
  ('baking', 'Baking', 'food'),
  ('batch-cooking', 'Batch cooking', 'food'),
  ('form-filling', 'Filling in forms', 'paperwork-money'),
  ('letter-writing', 'Writing letters', 'paperwork-money'),
  ('budgeting-help', 'Help with budgeting', 'paperwork-money'),
  ('translation', 'Translating', 'paperwork-money'),
  ('gentle-exercise', 'Gentle exercise', 'health-wellbeing'),
  ('yoga', 'Yoga', 'health-wellbeing'),
  ('first-aid', 'First aid', 'health-wellbeing'),
  ('listening', 'A listening ear', 'health-wellbeing'),
  ('event-helping', 'Helping at events', 'community'),
  ('leaflet-delivery', 'Delivering leaflets', 'community'),
  ('litter-picking', 'Litter picking', 'community'),
  ('fundraising', 'Fundraising', 'community'),
  ('hair-cutting', 'Hair cutting', 'other')
ON CONFLICT (slug) DO NOTHING;

CREATE INDEX user_skills_skill_idx ON user_skills (skill_id, kind);
CREATE INDEX organisation_agents_user_idx ON organisation_agents (community_id, user_id);

-- One search document per profile: the name (weight A, in both the 'simple' and 'english'
-- configurations so that names are found unstemmed and stemmed), skill labels (B) and the bio
-- (C) only while the member shows it, so a hidden bio cannot be found by searching its words.
CREATE TABLE profile_search (
  user_id uuid PRIMARY KEY REFERENCES profiles(user_id) ON DELETE CASCADE,
  document tsvector NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX profile_search_document_idx ON profile_search USING gin (document);

CREATE FUNCTION kith_refresh_profile_search(target uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO profile_search (user_id, document, updated_at)
  SELECT p.user_id,
         setweight(to_tsvector('simple', u.display_name), 'A')
         || setweight(to_tsvector('english', u.display_name), 'A')
         || setweight(to_tsvector('english', coalesce((
              SELECT string_agg(s.label, ' ' ORDER BY s.label)
              FROM user_skills us JOIN skills s ON s.id = us.skill_id
              WHERE us.user_id = p.user_id AND us.kind = 'skill'), '')), 'B')
         || setweight(to_tsvector('english', CASE WHEN p.show_bio THEN p.bio ELSE '' END), 'C'),
         now()
  FROM profiles p JOIN users u ON u.id = p.user_id
  WHERE p.user_id = target
  ON CONFLICT (user_id) DO UPDATE SET document = EXCLUDED.document, updated_at = EXCLUDED.updated_at;
END;
$$;

CREATE FUNCTION kith_profile_search_on_profile() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kith_refresh_profile_search(NEW.user_id);
  RETURN NULL;
END;
$$;
CREATE TRIGGER profiles_search AFTER INSERT OR UPDATE OF bio, show_bio ON profiles
  FOR EACH ROW EXECUTE FUNCTION kith_profile_search_on_profile();

CREATE FUNCTION kith_profile_search_on_user() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kith_refresh_profile_search(NEW.id);
  RETURN NULL;
END;
$$;
CREATE TRIGGER users_search AFTER UPDATE OF display_name ON users
  FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name)
  EXECUTE FUNCTION kith_profile_search_on_user();

CREATE FUNCTION kith_profile_search_on_user_skill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM kith_refresh_profile_search(OLD.user_id);
  ELSE
    PERFORM kith_refresh_profile_search(NEW.user_id);
    IF TG_OP = 'UPDATE' AND OLD.user_id <> NEW.user_id THEN
      PERFORM kith_refresh_profile_search(OLD.user_id);
    END IF;
  END IF;
  RETURN NULL;
END;
$$;
CREATE TRIGGER user_skills_search AFTER INSERT OR UPDATE OR DELETE ON user_skills
  FOR EACH ROW EXECUTE FUNCTION kith_profile_search_on_user_skill();

CREATE FUNCTION kith_profile_search_on_skill() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM kith_refresh_profile_search(us.user_id) FROM (SELECT DISTINCT user_id FROM user_skills WHERE skill_id = NEW.id) us;
  RETURN NULL;
END;
$$;
CREATE TRIGGER skills_search AFTER UPDATE OF label ON skills
  FOR EACH ROW WHEN (OLD.label IS DISTINCT FROM NEW.label)
  EXECUTE FUNCTION kith_profile_search_on_skill();

SELECT kith_refresh_profile_search(user_id) FROM profiles;
