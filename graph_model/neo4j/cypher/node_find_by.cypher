// Nodes whose property equals one of $values.
UNWIND $values AS value
MATCH (n:__LABEL__)
WHERE n.__PROP__ = value
RETURN DISTINCT properties(n) AS props, n.id AS id
ORDER BY id
