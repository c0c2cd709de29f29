MATCH (n:__LABEL__)
RETURN properties(n) AS props
ORDER BY n.__PROP__ DESC, n.id
LIMIT $limit
