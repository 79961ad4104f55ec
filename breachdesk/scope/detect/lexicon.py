"""Hand-written word lists for the name and address context rules.

The big vocabularies (first names, surnames) are package data in ``data/``; these are the
small closed classes that the rules need: titles, cue words, UK thoroughfare types, and the
capitalised words that are not names. Lower case throughout.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

TITLES = frozenset(
    "mr mrs ms miss mx dr prof professor sir dame lady lord rev revd reverend master "
    "cllr councillor capt captain sgt pc dc insp".split()
)

# Words just before a name that say "a person's name follows".
NAME_CUES = frozenset(
    "dear hi hello hey dearest attn fao name patient client customer pupil "
    "student child tenant resident claimant applicant employee member caller complainant "
    "witness victim suspect author officer caseworker worker".split()
)
# Cue phrases ending just before a name (checked on the lower-cased text before it).
NAME_CUE_SUFFIXES = (
    "spoke to ", "spoke with ", "speak to ", "speak with ", "called ", "named ", "name: ",
    "name:", "name is ", "contact ", "forwarded to ", "passed to ", "referred by ",
    "mother ", "father ", "son ", "daughter ", "wife ", "husband ", "partner ", "parent ",
    "guardian ", "carer ", "sister ", "brother ", "met with ", "visited ", "on behalf of ",
    "officer: ", "officer ", "caseworker: ", "social worker ", "call from ", "signed by ",
    "from: ", "to: ", "cc: ", "patient: ", "client: ", "customer: ", "pupil: ", "tenant: ",
)
SIGN_OFFS = (
    "regards", "kind regards", "best regards", "warm regards", "many thanks", "thanks",
    "thank you", "yours sincerely", "yours faithfully", "best wishes", "best", "cheers",
    "sincerely", "all the best", "yours",
)

# UK thoroughfare descriptors (Royal Mail usage), ours; data/street_words_faker.txt adds
# Faker's (MIT) list, which includes US forms.
UK_STREET_WORDS = frozenset(
    """road street avenue lane close drive way crescent gardens garden court place terrace
    grove hill walk mews row square green park rise view vale parade boulevard circus wharf
    quay yard embankment approach chase croft dale end fields field gate heights meadow
    meadows mount orchard passage path wynd brae loan causeway broadway hall cottages
    villas buildings mansions estate precinct market side bank lea leys mead paddock
    ridge spinney copse wood woods common moor brow dene holt nook fold bridge manor
    crossing circle highway boulevard grange glade pastures sidings""".split()
)
ADDRESS_UNIT_WORDS = frozenset(
    "flat apartment apt unit studio suite room house cottage floor block".split()
)

# Capitalised words that start sentences, name things or organisations: never a name token.
NOT_NAME_WORDS = frozenset(
    """a an the this that these those there their they them then than and or but nor so yet
    if when where while which who whom whose what why how as at by for from in into of off on
    onto out over per to up upon via with within without about above after again against all
    also am any are be because been before being below between both can could did do does done
    during each few further had has have having he her here hers him his i is it its just me
    more most my no not now only other our ours own same she should some such too under until
    very was we were will would you your yours yes please note notes thanks thank regards dear
    hi hello kind best many sincerely faithfully subject re fw fwd sent date time ref reference
    monday tuesday wednesday thursday friday saturday sunday january february march
    july september october november december today tomorrow yesterday morning
    afternoon evening night week month year annual daily
    mr mrs ms miss dr prof sir dame lady lord rev
    ltd limited plc llp inc co company group holdings services service council borough county
    city town village district ward trust nhs hospital surgery clinic practice centre center
    school academy college university department dept team office unit board committee
    ministry agency authority police court tribunal bank building society insurance
    street road avenue drive close crescent gardens place terrace square
    upper lower new old great little saint st adult social care support help complaints
    services protection act housing benefit universal credit finance tax
    england scotland wales ireland northern britain british uk united kingdom london
    account sort code number card bank payment invoice order case ticket policy claim
    phone mobile email tel fax address postcode dob passport licence driving
    nino national insurance hmrc dvla utr vat iban
    customer client patient pupil student tenant resident staff member manager officer
    update request complaint incident breach data protection privacy notice letter email
    called spoke contact contacted meeting appointment review referral assessment report
    visit visited call left message discussed agreed advised confirmed informed reported
    he she they his her diagnosis medication treatment condition health
    happy birthday christmas easter bank holiday""".split()
)


@cache
def _load(name: str) -> frozenset[str]:
    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip())


@cache
def first_names() -> frozenset[str]:
    return _load("first_names.txt") - NOT_NAME_WORDS


@cache
def surnames() -> frozenset[str]:
    return _load("surnames.txt") - NOT_NAME_WORDS


@cache
def street_words() -> frozenset[str]:
    return UK_STREET_WORDS | _load("street_words_faker.txt")
