// Every SUPPLIES relationship active at $as_of.
MATCH (s:Company)-[r:SUPPLIES]->(c:Company)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR $as_of < r.until)
RETURN s.id AS supplier, c.id AS customer,
       r.product_id AS product_id, r.category AS category, r.annual_value AS annual_value,
       r.since AS since, r.until AS until
