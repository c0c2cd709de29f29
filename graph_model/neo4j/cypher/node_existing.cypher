UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id
