// The $limit nodes with the greatest __PROP__, greatest first; nodes without it last
// (as SQLite sorts), then by id.
MATCH (n:__LABEL__)
RETURN properties(n) AS props
ORDER BY n.__PROP__ IS NULL, n.__PROP__ DESC, n.id
LIMIT $limit
