// Baseline: create one :Person per row.
UNWIND $rows AS row
CREATE (p:Person)
SET p = row
