# Write one agg:MeasureTally per measure, summed from its place × measure rows.
INSERT { GRAPH <$graph> {
  ?t a agg:MeasureTally ; agg:ofMeasure ?measure ; agg:adopterCount ?n ; agg:adoptionCount ?total .
  ?t agg:firstAdopted ?first ; agg:firstPrecision ?precision ; agg:measureLabel ?label .
} }
WHERE {
  { SELECT ?measure (COUNT(DISTINCT ?place) AS ?n) (SUM(?c) AS ?total) (MIN(?key) AS ?minKey)
    WHERE { GRAPH <$graph> {
      ?x agg:ofMeasure ?measure ; agg:ofPlace ?place ; agg:adoptionCount ?c .
      OPTIONAL { ?x agg:firstAdopted ?d . OPTIONAL { ?x agg:firstPrecision ?prec } }
      # as in scan.rq
      BIND(COALESCE(CONCAT(STR(?d), IF(?prec = "day", "0", IF(?prec = "month", "1", IF(?prec = "year", "2", "3"))),
                           "|", COALESCE(?prec, "")), "~") AS ?key)
    } } GROUP BY ?measure }
  OPTIONAL { SELECT ?measure (MIN(?l) AS ?label) WHERE { GRAPH <$graph> {
      ?x agg:ofMeasure ?measure ; agg:ofPlace ?place ; agg:measureLabel ?l } } GROUP BY ?measure }
  BIND(IF(?minKey != "~", STRBEFORE(?minKey, "|"), ?unbound) AS ?ranked)
  BIND(STRDT(SUBSTR(?ranked, 1, STRLEN(?ranked) - 1), xsd:date) AS ?first)
  BIND(IF(STRAFTER(?minKey, "|") != "", STRAFTER(?minKey, "|"), ?unbound) AS ?precision)
  # the row IRI: kg.tally.measure_iri
  BIND(IRI(CONCAT("$tally", SUBSTR(SHA1(STR(?measure)), 1, 20))) AS ?t)
}
