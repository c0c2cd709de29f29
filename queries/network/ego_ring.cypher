// The relationships of one ring of an ego network: every KNOWS, WORKS_AT, SUPPLIES and
// MANAGES_ACCOUNT relationship of the people $people and the companies $companies
// (only those whose other end is in $among, unless $among is null). The caller
// filters them by time.
UNWIND $people AS id
MATCH (:Person {id: id})-[r:KNOWS|WORKS_AT|MANAGES_ACCOUNT]-(other)
WHERE $among IS NULL OR other.id IN $among
RETURN type(r) AS type, startNode(r).id AS start, endNode(r).id AS end, properties(r) AS props
UNION ALL
UNWIND $companies AS id
MATCH (:Company {id: id})-[r:WORKS_AT|SUPPLIES|MANAGES_ACCOUNT]-(other)
WHERE $among IS NULL OR other.id IN $among
RETURN type(r) AS type, startNode(r).id AS start, endNode(r).id AS end, properties(r) AS props
