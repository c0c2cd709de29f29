// The pairs (a, b), a.id < b.id, of each person a of $ids with everyone a shared an
// interaction with or has a KNOWS tie to: the pairs to recount for a new scoring model.
UNWIND $ids AS id
MATCH (a:Person {id: id})-[:PARTICIPATED_IN]->(:Interaction)<-[:PARTICIPATED_IN]-(b:Person)
WHERE a.id < b.id
RETURN a.id AS a, b.id AS b
UNION
UNWIND $ids AS id
MATCH (a:Person {id: id})-[:KNOWS]->(b:Person)
RETURN a.id AS a, b.id AS b
