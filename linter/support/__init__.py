"""Helpers every stage uses; the bottom layer (it imports nothing else of govlint).

* ``i18n.py``      messages in two languages (zh, en): every message users read
* ``yamlio.py``    YAML within limits, with file:line:col for every mistake (ConfigError, Located)
* ``plugins.py``   the one registry of readers, output formats and check kinds (built-ins found in a
                   package, plug-ins from an entry-point group, load failures kept and reported)
* ``escaping.py``  text made safe for every output (UTF-8, one line, XML, JSON, file URIs)
* ``cache.py``     where the on-disk cache lives, and which of its files may be read
* ``memo.py``      caching results of calls on short text
"""
