"""Small pure-Python packages that take the place of native ones the browser kernel cannot load."""
