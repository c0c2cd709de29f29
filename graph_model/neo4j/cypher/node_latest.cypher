// The $limit nodes with the greatest __PROP__, greatest first; nodes without it last
// (as SQLite sorts), then by id; only those whose __PROP__ is less than $before unless
// it is null (the next page).
MATCH (n:__LABEL__)
WHERE $before IS NULL OR n.__PROP__ < $before
RETURN properties(n) AS props
ORDER BY n.__PROP__ IS NULL, n.__PROP__ DESC, n.id
LIMIT $limit
