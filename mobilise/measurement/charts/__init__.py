"""Charts people can read: SVG drawn on the server, icons, and one plain sentence per chart."""
