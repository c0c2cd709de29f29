MATCH (i:Interaction)
RETURN max(i.occurred_at) AS latest
