-- The QA sign-off, version 3: after an amendment request the facility issues the next revision of the report
-- ('revised', with the amendment's reason), which goes back to awaiting review.
ALTER TABLE report_reviews DROP CONSTRAINT report_reviews_action_check;
ALTER TABLE report_reviews ADD CONSTRAINT report_reviews_action_check
    CHECK (action IN ('reviewed', 'approved', 'rejected', 'amendment-requested', 'revised'));
