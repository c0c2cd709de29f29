// Up to $limit nodes written before they had a search key.
MATCH (n:__LABEL__)
WHERE n.search_key IS NULL
RETURN properties(n) AS props
LIMIT $limit
