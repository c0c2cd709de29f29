// When the latest interaction happened: the last entry of the occurred_at index.
MATCH (i:Interaction)
WHERE i.occurred_at IS NOT NULL
RETURN i.occurred_at AS latest
ORDER BY i.occurred_at DESC
LIMIT 1
