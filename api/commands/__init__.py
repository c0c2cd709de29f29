"""The ``srm`` subcommands, one module per area; :mod:`api.cli` gathers them."""
