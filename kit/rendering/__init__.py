"""The kit's HTML: Jinja2 templates (autoescaped, in templates/) styled by classes from one stylesheet (kit.css).

kit.rendering.colours holds the status colours (no Jinja2 import, for the PDFs); kit.rendering.html renders.
"""
