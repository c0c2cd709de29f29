UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN properties(n) AS props
