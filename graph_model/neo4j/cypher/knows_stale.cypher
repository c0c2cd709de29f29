// Pairs whose KNOWS tie was counted under another scoring model.
MATCH (a:Person)-[k:KNOWS]->(b:Person)
WHERE k.model IS NULL OR k.model <> $model
RETURN a.id AS a, b.id AS b
LIMIT $limit
