"""Printable documents: the assessment memo, the evidence checklist, the application sheet.

Built from the same assessment and the same wording as the text explanation
(``zairyu.report``), through one adapter (``zairyu.documents.view``), typeset to tagged PDF
with WeasyPrint and the Noto CJK JP fonts.
"""
