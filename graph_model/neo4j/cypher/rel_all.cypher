MATCH (a:__START__)-[r:__TYPE__]->(b:__END__)
RETURN a.id AS start, b.id AS end, properties(r) AS props
ORDER BY start, end, r.key
