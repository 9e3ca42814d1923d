"""Deadlines between decisions: the dates a person under supervision measures or on
provisional release, and their supervisor, must not miss.

The rules are data (``rules.yaml``: Japanese and English text, a citation into the source
registry, zairyu's reading where the sources are open, validity dates); ``engine`` computes
each due date from a measure's facts and the events that start a clock, saying which rule
produced it and from which facts. Nothing here reads the clock: "today" is passed in. zairyu
shows what the law requires and by when; it sends nothing anywhere.
"""
