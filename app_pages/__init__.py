"""One module per page; each reads top to bottom like a description of the page."""
