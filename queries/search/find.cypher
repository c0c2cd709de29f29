// The first $limit nodes whose search key holds $needles.substring (the folded text), by
// how well they match (exact, at a term's start, at a word's start, anywhere: rank.py),
// then key and id. The text index on search_key answers the CONTAINS.
MATCH (n:__LABEL__)
WHERE n.search_key CONTAINS $needles.substring
WITH n.id AS id, n.search_key AS key
WITH id, key,
     CASE
       WHEN key CONTAINS $needles.exact THEN 0
       WHEN key CONTAINS $needles.prefix THEN 1
       WHEN key CONTAINS $needles.word THEN 2
       ELSE 3
     END AS level
RETURN level, key, id
ORDER BY level, key, id
LIMIT $limit
