"""The guided interview: which question to ask next, and the household the answers build.

Framework-free (no web, no store), so the web pages, the CLI and the API can share it.
"""
