"""Small fixes to the published pages, found by the browser test (tests/test_browser.py).

Jupyter Book 1.x registers sphinx-thebe's inline configuration script twice on every
page, and the second copy fails with "Identifier 'THEBE_JS_URL' has already been
declared" in the browser console. This extension drops exact duplicate scripts from
each page before it is written.
"""


def _drop_duplicate_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        # the two copies differ only in an empty file name: None in one, "" in the other
        key = (getattr(script, "filename", script) or "", getattr(script, "priority", None),
               tuple(sorted(getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def setup(app):
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
