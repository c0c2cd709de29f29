// Nodes whose name contains $text, any case, by name then id.
MATCH (n:__LABEL__)
WHERE toLower(n.name) CONTAINS toLower($text)
RETURN properties(n) AS props
ORDER BY toLower(n.name), n.id
LIMIT $limit
