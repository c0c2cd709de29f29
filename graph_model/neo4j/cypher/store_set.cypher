// Record the format version of the data and the scoring model of the KNOWS ties.
MERGE (s:SrmStore {id: 'store'})
SET s.version = $version, s.tie_model = $tie_model
