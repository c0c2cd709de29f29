MATCH (a:__START__ {id: $start})-[r:__TYPE__]->(b:__END__)
WHERE $end IS NULL OR b.id = $end
RETURN a.id AS start, b.id AS end, properties(r) AS props
ORDER BY start, end, r.key
