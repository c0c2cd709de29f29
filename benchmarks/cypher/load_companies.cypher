// Baseline: create one :Company per row (constraints in place, the database empty).
UNWIND $rows AS row
CREATE (c:Company)
SET c = row
