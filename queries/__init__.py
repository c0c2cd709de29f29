"""The capabilities of srm-graph, one module (or package) each, over any GraphStore."""
