// The next $limit person ids after $after, in id order.
MATCH (p:Person)
WHERE p.id > $after
RETURN p.id AS id
ORDER BY id
LIMIT $limit
