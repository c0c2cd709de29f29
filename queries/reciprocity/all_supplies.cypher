// Every SUPPLIES relationship (compute.py keeps those active at as_of).
MATCH (s:Company)-[r:SUPPLIES]->(c:Company)
RETURN s.id AS supplier, c.id AS customer,
       r.product_id AS product_id, r.category AS category, r.annual_value AS annual_value,
       r.currency AS currency,
       [r.since.epochSeconds, r.since.nanosecond] AS since, [r.until.epochSeconds, r.until.nanosecond] AS until
