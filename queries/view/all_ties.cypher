MATCH (a:Person)-[k:KNOWS]->(b:Person)
RETURN a.id AS a, b.id AS b, [k.weight, k.interactions, k.out_a, k.out_b, k.mutual, k.first, k.last] AS tie
