"""zairyu: rules as code for Japan's special permission to stay (在留特別許可).

zairyu assesses; it never decides. The Minister of Justice decides.
"""

__version__ = "0.1.0"
