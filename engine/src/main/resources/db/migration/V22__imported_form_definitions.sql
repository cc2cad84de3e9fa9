-- Forms as files. A form definition written elsewhere and imported is held as the service's draft
-- whole (form_drafts.definition), rather than as a customisation of the base form; the draft's
-- customisation is then '{}' and ignored. A version published from such a draft is flagged
-- imported: the designer then starts its next draft from that definition, not from the base form.
-- Additive (expand): an older node ignores both columns.
ALTER TABLE form_drafts
    ADD COLUMN definition JSON NULL;

ALTER TABLE form_versions
    ADD COLUMN imported BOOLEAN NOT NULL DEFAULT FALSE;
