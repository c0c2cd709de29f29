"""The mapping files shipped with srm-graph (see README.md here)."""
