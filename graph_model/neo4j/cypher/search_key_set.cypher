// Set the search key of each node of $rows ({id, key}).
UNWIND $rows AS row
MATCH (n:__LABEL__ {id: row.id})
SET n.search_key = row.key
