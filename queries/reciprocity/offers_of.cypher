// The products each of the companies $company_ids offers, with their categories.
UNWIND $company_ids AS company_id
MATCH (:Company {id: company_id})-[:OFFERS]->(p:Product)
RETURN company_id, p.id AS product_id, p.category AS category
