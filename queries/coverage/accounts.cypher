// Every company but the home company $home, only those of tier $tier unless it is null.
MATCH (c:Company)
WHERE c.id <> $home AND ($tier IS NULL OR c.tier = $tier)
RETURN c.id AS id, c.name AS name
