// Nodes whose name, folded ($text is), contains $text: by the folded name, the name, the id.
// A search key starts with the spellings of the name and ends them with an empty term.
MATCH (n:__LABEL__)
WHERE split(n.search_key, $separator + $separator)[0] CONTAINS $text
RETURN properties(n) AS props
ORDER BY split(n.search_key, $separator)[1], n.name, n.id
LIMIT $limit
