# Write every place × measure row (agg:AdoptionTally) into the aggregates graph, from
# scan.rq over all pairs, with labels over all graphs and codes from the reference graph.
INSERT { GRAPH <$graph> {
  ?t a agg:AdoptionTally ; agg:ofPlace ?place ; agg:ofMeasure ?measure ; agg:adoptionCount ?n .
  ?t agg:firstAdopted ?first ; agg:firstPrecision ?precision .
  ?t agg:placeLabel ?placeLabel ; agg:placeCode ?code ; agg:measureLabel ?measureLabel .
} }
WHERE {
  { $scan }
  OPTIONAL { SELECT ?place (MIN(STR(?pl)) AS ?placeLabel) WHERE { GRAPH ?gp { ?place rdfs:label ?pl } }
             GROUP BY ?place }
  OPTIONAL { SELECT ?measure (MIN(STR(?ml)) AS ?measureLabel) WHERE { GRAPH ?gm { ?measure rdfs:label ?ml } }
             GROUP BY ?measure }
  OPTIONAL { GRAPH <$reference> { ?place pmkg:adcode ?code } }
  # ?minKey → ?first (xsd:date) and ?precision (unbound when the key has none)
  BIND(IF(?minKey != "~", STRBEFORE(?minKey, "|"), ?unbound) AS ?ranked)
  BIND(STRDT(SUBSTR(?ranked, 1, STRLEN(?ranked) - 1), xsd:date) AS ?first)
  BIND(IF(STRAFTER(?minKey, "|") != "", STRAFTER(?minKey, "|"), ?unbound) AS ?precision)
  # the row IRI: kg.tally.pair_iri
  BIND(IRI(CONCAT("$tally", SUBSTR(SHA1(CONCAT(STR(?place), " ", STR(?measure))), 1, 20))) AS ?t)
}
