// Baseline: create one :Interaction per row, its time read from ISO-8601 text.
UNWIND $rows AS row
CREATE (i:Interaction)
SET i = row.props, i.occurred_at = datetime(row.occurred_at)
