"""Resolution: mentions → entities. Places to GB/T 2260 codes, context words and level prefixes
(我市, 市人大, 省金融局) to the jurisdiction an item is about, agency short forms to canonical names,
officials to posts, measures to thesaurus concepts or candidates, documents to their issuers.

Every merge decision is taken here, in one place: an entity's `key` is its identity across
documents, and the graph stage mints IRIs from keys only."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.gazetteer import Gazetteer, gazetteer
from kg.records import Entity, Linked, Mention, Ref, Segmented, SourceFile
from kg.vocab import Vocab, vocab


@dataclass(slots=True)
class Context:
    """What linking knows about one document while it works."""

    seg: Segmented
    g: Gazetteer
    v: Vocab
    home: str | None = None
    subjects: dict[int, str | None] = field(default_factory=dict)  # item → adcode
    entities: dict[str, Entity] = field(default_factory=dict)
    refs: list[Ref] = field(default_factory=list)
    place_at: dict[tuple[int, int], str] = field(default_factory=dict)  # mention span → adcode
    agency_at: dict[tuple[int, int], str] = field(default_factory=dict)  # span → agency key
    list_place: str | None = None  # the place a bare department in a list inherits

    def add(self, entity: Entity, m: Mention | None = None, surface: str | None = None) -> str:
        old = self.entities.get(entity.key)
        if old is not None:
            alt = tuple(dict.fromkeys((*old.alt, *entity.alt)))
            entity = Entity(old.kind, old.key, old.label, alt, old.attrs or entity.attrs)
        self.entities[entity.key] = entity
        if m is not None:
            self.refs.append(Ref(entity.key, entity.kind, m.item, m.start, m.end, surface or m.text))
        return entity.key


from kg.adopt import adoptions, observations  # noqa: E402  (they use Context, defined above)
from kg.link.agencies import link_agencies, link_publisher, merge_publisher, merge_short_names  # noqa: E402
from kg.link.concepts import link_documents, link_measures  # noqa: E402
from kg.link.people import link_officials  # noqa: E402
from kg.link.places import find_home, find_subjects, link_contexts, link_places  # noqa: E402


def link(seg: Segmented, mentions: list[Mention], source: SourceFile) -> Linked:
    """Resolve one document's mentions into entities, posts, adoptions and observations."""

    ctx = Context(seg, gazetteer(), vocab())
    by_kind: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_kind[m.kind].append(m)
    link_places(ctx, by_kind["place"])
    ctx.home = find_home(ctx, by_kind["place"])
    find_subjects(ctx, by_kind)
    link_contexts(ctx, by_kind["context"])
    publisher = link_publisher(ctx)
    link_agencies(ctx, by_kind["agency"])
    merge_short_names(ctx, publisher)
    publisher = merge_publisher(ctx, publisher)
    posts = link_officials(ctx, by_kind)
    link_measures(ctx, by_kind["measure"])
    issued = link_documents(ctx, by_kind["document"], by_kind["agency"], publisher)
    adopt = adoptions(ctx, by_kind)
    obs = observations(by_kind["figure"])
    return Linked(seg, source, ctx.home, publisher, tuple(ctx.entities.values()), tuple(ctx.refs),
                  tuple(posts), tuple(adopt), tuple(obs), tuple(issued))
