// SUPPLIES relationships into and out of company $company_id, with the category of the
// product each one names (compute.py keeps those active at as_of).
MATCH (:Company {id: $company_id})-[r:SUPPLIES]-(:Company)
OPTIONAL MATCH (p:Product {id: r.product_id})
RETURN startNode(r).id AS supplier, endNode(r).id AS customer,
       r.product_id AS product_id, r.category AS category, r.annual_value AS annual_value,
       r.currency AS currency,
       [r.since.epochSeconds, r.since.nanosecond] AS since, [r.until.epochSeconds, r.until.nanosecond] AS until, p.category AS product_category
