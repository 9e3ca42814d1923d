"""The JSON API (FastAPI) under ``/api/v1``: cases, their records, assessments, users."""
