"""Event triggers, roles, modality and the CAMEO/PLOVER ontology."""
