"""Reading measure data from CSV and Excel files: pure functions, no HTTP and no database.

* ``values`` and ``dates`` read one cell each, or say in plain English why they cannot;
* ``files`` checks an upload is safe and streams its rows;
* ``mapping`` says which column holds what;
* ``validate`` checks every row in one pass and keeps the good ones compactly;
* ``changes`` compares what a file says with what is already stored.
"""

from .problems import CellError, FileRefused, Problem

__all__ = ["CellError", "FileRefused", "Problem"]
