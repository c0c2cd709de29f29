// Every company but the home company $home, only those of tier $tier unless it is null,
// as one record of [id, name] rows.
MATCH (c:Company)
WHERE c.id <> $home AND ($tier IS NULL OR c.tier = $tier)
RETURN collect([c.id, c.name]) AS rows
