// The properties of the nodes $ids, as one list (one record decodes faster than many).
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN collect(properties(n)) AS found
