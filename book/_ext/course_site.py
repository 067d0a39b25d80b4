"""Small fixes to the published pages, found by the browser test (tests/test_browser.py).

- Jupyter Book 1.x registers sphinx-thebe's inline configuration script twice on every
  page, and the second copy fails with "Identifier 'THEBE_JS_URL' has already been
  declared" in the browser console. Exact duplicate scripts are dropped from each page.
- Outputs with no text (the empty ``display_data`` that ``lib.training.TrainingProgress``
  leaves behind to update in place in Jupyter) would show as empty boxes under training
  cells. They are dropped from the page; the stored notebooks keep them for nbval.
- Code cells and code blocks in the prose are marked ``full-width``, so that the theme
  folds its contents column away while they are in view, and code or outputs with lines
  longer than ``LINE_LENGTH`` characters are marked ``course-long-lines``;
  book/_static/course.css lays both out.
"""

from docutils import nodes

LINE_LENGTH = 120  # ruff's line length (pyproject.toml): the width course.css gives a cell at 1280 px


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


def _is_cell(node):
    return isinstance(node, nodes.container) and "cell" in node["classes"]


def _drop_empty_outputs(doctree):
    """Remove text outputs that hold only white space, then output boxes left empty."""
    for block in list(doctree.findall(nodes.literal_block)):
        if "output" in block["classes"] and not block.astext().strip():
            block.parent.remove(block)
    for box in list(doctree.findall(nodes.container)):
        if "cell_output" in box["classes"] and not box.children:
            box.parent.remove(box)


def _in_cell(node):
    while node is not None:
        if _is_cell(node):
            return True
        node = node.parent
    return False


def _mark_wide_content(doctree):
    for cell in doctree.findall(_is_cell):
        cell["classes"].append("full-width")
    for block in doctree.findall(nodes.literal_block):
        if not _in_cell(block):
            block["classes"].append("full-width")
        if max(map(len, block.astext().splitlines()), default=0) > LINE_LENGTH:
            block["classes"].append("course-long-lines")


def _tidy_cells(app, doctree, docname):
    _drop_empty_outputs(doctree)
    _mark_wide_content(doctree)


def setup(app):
    app.connect("html-page-context", _drop_duplicate_scripts, priority=900)
    app.connect("doctree-resolved", _tidy_cells)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
