"""The srm-graph schema, models and stores."""
