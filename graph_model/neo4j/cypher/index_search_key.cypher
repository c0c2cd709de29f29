// A text index (trigrams: fast CONTAINS) on the search key of a named label.
CREATE TEXT INDEX srm___LABEL___search_key IF NOT EXISTS
FOR (n:__LABEL__) ON (n.search_key)
