"""The status colours, named once: pages (kit.css's --kit-status-* properties, checked by a test) and PDFs use them."""

# What Meta's AI does with a kind of content: used for training, excluded from it, or unclear.
# White text on these, or these as text on white, passes WCAG AA (>= 4.5:1); the words always say the status too.
STATUS_COLOURS = {"used": "#9b1c1c", "excluded": "#1d6b35", "unclear": "#6b4a00"}
