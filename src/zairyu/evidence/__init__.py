"""Evidence: which documents prove which facts (``catalogue.yaml``, reviewable data with
sources), and the checklist of documents a household should gather."""
