// SUPPLIES relationships into and out of company $company_id active at $as_of,
// with the category of the product each one names.
MATCH (:Company {id: $company_id})-[r:SUPPLIES]-(:Company)
WHERE (r.since IS NULL OR r.since <= $as_of) AND (r.until IS NULL OR $as_of < r.until)
OPTIONAL MATCH (p:Product {id: r.product_id})
RETURN startNode(r).id AS supplier, endNode(r).id AS customer,
       r.product_id AS product_id, r.category AS category, r.annual_value AS annual_value,
       r.since AS since, r.until AS until, p.category AS product_category
