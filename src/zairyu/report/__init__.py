"""Human-readable renderings of assessments: text now; HTML and PDF memos later."""
