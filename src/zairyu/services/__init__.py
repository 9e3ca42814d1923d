"""The use cases of zairyu, each defined once, with its errors.

The command line, the JSON API, the web pages and the documents are thin adapters over these
calls: choose the policies (``plans``), assess a household (``assessing``), assess a stored case
and record it (``cases``), assess a caseload (``batch``), compare a reform (``comparing``) and
explain a condition (``explaining``). Every refusal is a ``ServiceError`` whose message a
caseworker can act on; adapters turn it into exit code 2, a 422 or a page.

The core (``model``, ``policies``, ``engine``) knows nothing of this layer; this layer knows
nothing of HTTP, Typer or HTML.
"""
