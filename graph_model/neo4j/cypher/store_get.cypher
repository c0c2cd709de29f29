// The store's own record: the format version of its data and the scoring model its
// KNOWS ties were counted under (no node on a database the service never opened).
MATCH (s:SrmStore {id: 'store'})
RETURN s.version AS version, s.tie_model AS tie_model
