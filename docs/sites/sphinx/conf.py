# A Sphinx site with the wb-ssl-check widget between two paragraphs: the embedding recipe of the
# README, built and tested by scripts/build-doc-sites and tests/tools/doc-sites.test.mjs.
project = "Workbench administration (example)"
html_theme = "alabaster"
html_static_path = ["_static"]
# The widget's five files, copied into _static/wb-ssl-check/ by scripts/build-doc-sites.
html_js_files = [("wb-ssl-check/wb-ssl-check-widget.js", {"type": "module"})]
