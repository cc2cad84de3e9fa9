-- For each field a publication makes required (a new required field, or a field turned required),
-- the admin's choice: "new" (required for case files created from this publication on) or
-- "existing" (also for the case files that existed, at their next save). A JSON object from the
-- field's JSON Pointer (rows written "*") to that choice, stored with the immutable version it was
-- published with; NULL for a version that made no field required. Additive (expand): an older node
-- that does not write it publishes versions whose new requirements apply to every case file, as before.
ALTER TABLE form_versions
    ADD COLUMN required_choices JSON NULL;
