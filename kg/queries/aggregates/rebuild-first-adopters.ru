# Mark the places whose first report of a measure is the measure's first (same date
# and same precision) as its agg:firstAdopter.
INSERT { GRAPH <$graph> { ?m agg:firstAdopter ?place } }
WHERE { GRAPH <$graph> {
  ?m agg:adopterCount ?n ; agg:ofMeasure ?measure ; agg:firstAdopted ?d .
  ?x agg:ofMeasure ?measure ; agg:ofPlace ?place ; agg:firstAdopted ?d .
  OPTIONAL { ?m agg:firstPrecision ?mp } OPTIONAL { ?x agg:firstPrecision ?xp }
  FILTER(COALESCE(?mp, "") = COALESCE(?xp, ""))
} }
