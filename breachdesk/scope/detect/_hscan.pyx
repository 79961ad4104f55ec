# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The free-text scanner's candidate pass in C: libhs (Hyperscan) called directly.

``text.TextScanner.candidates`` does the same in Python over the ``hyperscan`` package; this
module gives the same dictionary, without a Python call per match: about 40,000 matches per
1.6 MB of text are collected by a C callback and reduced in C. Used when it is built (setup.py,
optional: it needs Debian's libhyperscan-dev) and ``BREACHDESK_NO_EXTENSIONS`` is not set.

The reduction, as text.py's ``_hits`` and ``candidates`` do it:

1. every match of every pattern, as ``(start, end)``; the email pattern is scanned from its
   "@" and its start found by walking back over the local part (see text.py). Hyperscan is
   asked for the ends only: a pattern given with ``HS_FLAG_SOM_LEFTMOST`` is compiled without
   it where ``_hsstart`` can reverse it, and the start of each match is found by running the
   reversed pattern's DFA back from the end (the same leftmost start; see _hsstart.py);
2. per pattern, sorted by start then longest first, and reduced to leftmost-longest,
   non-overlapping spans;
3. per kind (a detector or an internal name/address pattern), the spans of its patterns
   concatenated in pattern order; a kind with several patterns gets one more
   leftmost-longest pass across them;
4. a dict kind -> list of (start, end), its keys in the order of each kind's first pattern
   with a match.

A match is kept as one 64-bit key, ``start << 32 | (0xFFFFFFFF - end)``, so that sorting keys
sorts by start and then longest first.
"""

from libc.stdint cimport int32_t, uint32_t, uint64_t
from libc.stdlib cimport calloc, free, malloc, qsort, realloc
from libc.string cimport memcpy

from . import _hsstart


cdef extern from "hs.h" nogil:
    ctypedef struct hs_database_t:
        pass
    ctypedef struct hs_scratch_t:
        pass
    ctypedef struct hs_platform_info_t:
        pass
    ctypedef struct hs_compile_error_t:
        char *message
        int expression
    ctypedef int hs_error_t
    ctypedef int (*match_event_handler)(unsigned int id, unsigned long long start,
                                        unsigned long long end, unsigned int flags,
                                        void *context) noexcept nogil
    int HS_SUCCESS
    int HS_SCAN_TERMINATED
    unsigned int HS_MODE_BLOCK
    unsigned int _FLAG_CASELESS "HS_FLAG_CASELESS"
    unsigned int _FLAG_SOM_LEFTMOST "HS_FLAG_SOM_LEFTMOST"
    unsigned int _FLAG_SINGLEMATCH "HS_FLAG_SINGLEMATCH"

    hs_error_t hs_compile_multi(const char *const *expressions, const unsigned int *flags,
                                const unsigned int *ids, unsigned int elements,
                                unsigned int mode, const hs_platform_info_t *platform,
                                hs_database_t **db, hs_compile_error_t **error)
    hs_error_t hs_free_compile_error(hs_compile_error_t *error)
    hs_error_t hs_free_database(hs_database_t *db)
    hs_error_t hs_alloc_scratch(const hs_database_t *db, hs_scratch_t **scratch)
    hs_error_t hs_clone_scratch(const hs_scratch_t *src, hs_scratch_t **dest)
    hs_error_t hs_free_scratch(hs_scratch_t *scratch)
    hs_error_t hs_scan(const hs_database_t *db, const char *data, unsigned int length,
                       unsigned int flags, hs_scratch_t *scratch,
                       match_event_handler onEvent, void *context)


cdef extern from "Python.h":
    int PyUnicode_KIND(object)
    void *PyUnicode_DATA(object)
    Py_ssize_t PyUnicode_GET_LENGTH(object)
    int PyUnicode_1BYTE_KIND
    int PyUnicode_2BYTE_KIND


# The flags text.py builds its patterns' flags from (the hyperscan package's names).
HS_FLAG_CASELESS = _FLAG_CASELESS
HS_FLAG_SOM_LEFTMOST = _FLAG_SOM_LEFTMOST

cdef extern from *:
    """
    #define BD_LOW 0xFFFFFFFFULL
    """
    const uint64_t LOW "BD_LOW"  # the low 32 bits of a key: LOW - end


class HyperscanError(Exception):
    """libhs refused a database or a scan (a pattern's text is never part of the message)."""


cdef bint _alnum[256]
cdef bint _local[256]  # what an email's local part is made of (text.py's _EMAIL_LOCAL)


cdef void _tables():
    cdef bytes alnum = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    cdef int i
    for i in range(256):
        _alnum[i] = False
        _local[i] = False
    for i in alnum:
        _alnum[i] = True
        _local[i] = True
    for i in b"._%+'-":
        _local[i] = True


_tables()


def compiles(bytes expression, unsigned int flags):
    """Whether libhs compiles this one pattern with these flags (block mode)."""
    cdef hs_database_t *db = NULL
    cdef hs_compile_error_t *err = NULL
    cdef const char *expr = expression
    cdef unsigned int id_ = 0
    cdef hs_error_t rc = hs_compile_multi(&expr, &flags, &id_, 1, HS_MODE_BLOCK, NULL, &db, &err)
    if err != NULL:
        hs_free_compile_error(err)
    if db != NULL:
        hs_free_database(db)
    return rc == HS_SUCCESS


# -- starts found backwards (see _hsstart.py) ------------------------------------------------

cdef int _byte_hit(unsigned int id, unsigned long long start, unsigned long long end,
                   unsigned int flags, void *context) noexcept nogil:
    (<unsigned char *>context)[id * 256 + end - 1] = 1
    return 0


def byte_sets(list leaves, unsigned int flags):
    """The bytes each one-character pattern matches, as libhs reads it with these flags (a
    frozenset per pattern). Raises HyperscanError if libhs refuses one."""
    cdef unsigned int n = len(leaves), i
    cdef list encoded = [leaf.encode("ascii") for leaf in leaves]
    cdef const char **exprs = <const char **>malloc(max(n, 1) * sizeof(char *))
    cdef unsigned int *c_flags = <unsigned int *>malloc(max(n, 1) * sizeof(unsigned int))
    cdef unsigned int *c_ids = <unsigned int *>malloc(max(n, 1) * sizeof(unsigned int))
    cdef unsigned char *seen = <unsigned char *>calloc(max(n, 1) * 256, 1)
    cdef unsigned char every[256]
    cdef hs_database_t *db = NULL
    cdef hs_scratch_t *scratch = NULL
    cdef hs_compile_error_t *err = NULL
    cdef hs_error_t rc
    try:
        if exprs == NULL or c_flags == NULL or c_ids == NULL or seen == NULL:
            raise MemoryError()
        for i in range(n):
            exprs[i] = <bytes>encoded[i]
            c_flags[i] = flags & ~(_FLAG_SOM_LEFTMOST | _FLAG_SINGLEMATCH)
            c_ids[i] = i
        for i in range(256):
            every[i] = i
        rc = hs_compile_multi(exprs, c_flags, c_ids, n, HS_MODE_BLOCK, NULL, &db, &err)
        if rc != HS_SUCCESS:
            if err != NULL:
                hs_free_compile_error(err)
            raise HyperscanError(f"libhs could not compile a character class (error {rc})")
        if hs_alloc_scratch(db, &scratch) != HS_SUCCESS:
            raise MemoryError()
        if hs_scan(db, <const char *>every, 256, 0, scratch, _byte_hit, seen) != HS_SUCCESS:
            raise HyperscanError("libhs scan failed")
        return [frozenset(b for b in range(256) if seen[i * 256 + b]) for i in range(n)]
    finally:
        if scratch != NULL:
            hs_free_scratch(scratch)
        if db != NULL:
            hs_free_database(db)
        free(exprs)
        free(c_flags)
        free(c_ids)
        free(seen)


_WORD = None  # libhs's word characters, for \b
_AUTOMATA = {}  # (pattern, flags) -> _hsstart.Automaton or None: built once per process


def _automaton(bytes expression, unsigned int flags):
    """The reversed DFA for a pattern Hyperscan would otherwise track starts for, or None
    (start tracking stays on): only plain and caseless patterns."""
    global _WORD
    if flags & ~(_FLAG_SOM_LEFTMOST | _FLAG_CASELESS) or not flags & _FLAG_SOM_LEFTMOST:
        return None
    key = (expression, flags)
    if key not in _AUTOMATA:
        if _WORD is None:
            _WORD = byte_sets([r"\w"], 0)[0]
        try:
            _AUTOMATA[key] = _hsstart.automaton(
                expression.decode("ascii"), lambda leaves: byte_sets(leaves, flags), _WORD)
        except (_hsstart.Unsupported, HyperscanError, UnicodeDecodeError):
            _AUTOMATA[key] = None
    return _AUTOMATA[key]


ctypedef struct Dfa:
    # Laid out for the loop in _leftmost: states numbered by their first index in the tables
    # (state * n_classes), so a state plus a character's class is the index.
    int32_t *table  # index -> next state, or -1 (dead)
    unsigned char *starts  # index -> whether a match may start right of that character
    unsigned char *at_start  # state -> whether a match may start at the start of the text
    unsigned char classes[256]
    int init[2]


cdef Dfa *_dfa(a) except NULL:
    cdef Dfa *d = <Dfa *>calloc(1, sizeof(Dfa))
    cdef Py_ssize_t i, k, size = len(a.table), m = a.n_classes
    if d == NULL:
        raise MemoryError()
    d.table = <int32_t *>malloc(max(size, 1) * sizeof(int32_t))
    d.starts = <unsigned char *>malloc(max(size, 1))
    d.at_start = <unsigned char *>malloc(max(size, 1))
    if d.table == NULL or d.starts == NULL or d.at_start == NULL:
        _free_dfa(d)
        raise MemoryError()
    # Whether each class is of word characters (the classes keep them apart).
    word = [False] * m
    for i in range(256):
        d.classes[i] = a.classes[i]
        word[a.classes[i]] = i in _WORD
    for i in range(size):
        k = a.table[i]
        d.table[i] = k * m if k >= 0 else -1
        d.starts[i] = (a.accept[i // m] >> word[i % m]) & 1
        d.at_start[i] = a.accept[i // m] & 1
    d.init[0] = a.init[0] * m
    d.init[1] = a.init[1] * m
    return d


cdef void _free_dfa(Dfa *d) noexcept:
    if d != NULL:
        free(d.table)
        free(d.starts)
        free(d.at_start)
        free(d)


cdef long long _leftmost(const Dfa *d, const unsigned char *data, size_t n, size_t end,
                         const unsigned char *word) noexcept nogil:
    """As _hsstart.leftmost: the leftmost start of a match ending at ``end``, or -1."""
    cdef long st = d.init[word[data[end]] if end < n else 0]
    cdef long long best = -1
    cdef size_t q = end
    cdef long i
    if q == 0:
        return -1
    st = d.table[st + d.classes[data[q - 1]]]  # no empty match: no start at the end
    q -= 1
    while st >= 0:
        if q == 0:
            if d.at_start[st]:
                best = 0
            break
        i = st + d.classes[data[q - 1]]
        if d.starts[i]:
            best = q
        st = d.table[i]
        q -= 1
    return best


ctypedef struct Hit:
    uint64_t key
    uint32_t id

ctypedef struct Hits:
    Hit *items
    size_t n
    size_t cap
    bint nomem


cdef int _grow(Hits *h) noexcept nogil:
    cdef size_t cap = h.cap * 2 if h.cap else 4096
    cdef Hit *items = <Hit *>realloc(h.items, cap * sizeof(Hit))
    if items == NULL:
        h.nomem = True
        return -1
    h.items = items
    h.cap = cap
    return 0


cdef inline int _add(Hits *h, uint32_t id, uint64_t start, uint64_t end) noexcept nogil:
    if h.n == h.cap and _grow(h) < 0:
        return -1
    h.items[h.n].key = (start << 32) | (LOW - end)
    h.items[h.n].id = id
    h.n += 1
    return 0


cdef int _on_match(unsigned int id, unsigned long long start, unsigned long long end,
                   unsigned int flags, void *context) noexcept nogil:
    return 1 if _add(<Hits *>context, id, start, end) < 0 else 0  # 1 stops the scan


cdef int _cmp(const void *a, const void *b) noexcept nogil:
    cdef uint64_t x = (<const uint64_t *>a)[0]
    cdef uint64_t y = (<const uint64_t *>b)[0]
    return (x > y) - (x < y)


cdef void _sort(uint64_t *a, size_t n) noexcept nogil:
    """Ascending. Libhs reports a pattern's matches in order of their ends, so they are
    nearly sorted by start: insertion sort, unless that turns out to move too much."""
    cdef size_t i, j, moves = 0, budget = 8 * n + 64
    cdef uint64_t x
    for i in range(1, n):
        x = a[i]
        j = i
        while j > 0 and a[j - 1] > x:
            a[j] = a[j - 1]
            j -= 1
        a[j] = x
        moves += i - j
        if moves > budget:
            qsort(a, n, sizeof(uint64_t), _cmp)
            return


cdef size_t _leftmost_longest(uint64_t *a, size_t n) noexcept nogil:
    """Sorted keys reduced in place to non-overlapping spans, each the longest at its start."""
    cdef size_t i, w = 0
    cdef long long last_end = -1
    cdef long long s
    for i in range(n):
        s = <long long>(a[i] >> 32)
        if s >= last_end:
            a[w] = a[i]
            w += 1
            last_end = LOW - <long long>(a[i] & LOW)
    return w


cdef size_t _email_starts(uint64_t *a, size_t n, const unsigned char *data) noexcept nogil:
    """Sorted email keys whose starts are at the "@": each start moved back to the start of its
    local part (the leftmost letter or digit of the run of local-part characters before the
    "@"), or the key dropped. In place; the keys stay sorted."""
    cdef size_t i, w = 0
    cdef uint64_t at, last_at = <uint64_t>-1, p = 0
    for i in range(n):
        at = a[i] >> 32
        if at != last_at:
            last_at = p = at
            while p and _local[data[p - 1]]:
                p -= 1
            while p < at and not _alnum[data[p]]:
                p += 1
        if p < at:
            a[w] = (p << 32) | (a[i] & LOW)
            w += 1
    return w


cdef class Scanner:
    """A compiled database of the scanner's patterns and the reduction of their matches.

    ``ids`` are text.py's pattern ids (indexes into ``kinds``, the kind of every pattern, those
    scanned here or not); ``multi`` the kinds with several patterns; ``email_id`` the pattern
    scanned from its "@" (or -1). ``backward``: find starts with reversed DFAs rather than
    Hyperscan's start tracking where possible (the same starts; False is for tests).

    Scratch space: one prototype, never scanned with, and one spare taken by a scan and given
    back after it (a second scan at the same time, in another thread, clones its own). The GIL
    guards the taking and giving back, and is released while scanning; a forked child finds
    the spare either free or cloned anew from the prototype.
    """

    cdef hs_database_t *db
    cdef hs_scratch_t *proto
    cdef hs_scratch_t *spare
    cdef int n_patterns
    cdef int email_id
    cdef int *kind_of  # per pattern id: the index of its kind
    cdef int n_kinds
    cdef list kind_names
    cdef bint *multi  # per kind
    cdef Dfa **dfa  # per pattern id: the reversed DFA that finds its starts, or NULL
    cdef unsigned char word[256]
    cdef readonly tuple backward  # the pattern ids whose starts are found backwards

    def __cinit__(self, list expressions, list ids, list flags, list kinds, multi, int email_id,
                  bint backward=True):
        cdef unsigned int n = len(expressions), i
        cdef hs_compile_error_t *err = NULL
        cdef const char **exprs = NULL
        cdef unsigned int *c_flags = NULL
        cdef unsigned int *c_ids = NULL
        cdef hs_error_t rc
        if len(ids) != n or len(flags) != n:
            raise ValueError("expressions, ids and flags differ in length")
        self.n_patterns = len(kinds)
        for pid in ids:
            if not 0 <= pid < self.n_patterns:
                raise ValueError("a pattern id has no kind")
        self.email_id = email_id
        names = list(dict.fromkeys(kinds))
        self.kind_names = names
        self.n_kinds = len(names)
        self.kind_of = <int *>malloc(max(self.n_patterns, 1) * sizeof(int))
        self.multi = <bint *>calloc(max(self.n_kinds, 1), sizeof(bint))
        self.dfa = <Dfa **>calloc(max(self.n_patterns, 1), sizeof(Dfa *))
        if self.kind_of == NULL or self.multi == NULL or self.dfa == NULL:
            raise MemoryError()
        index = {k: j for j, k in enumerate(names)}
        for i in range(self.n_patterns):
            self.kind_of[i] = index[kinds[i]]
        for k in multi:
            if k in index:
                self.multi[<int>index[k]] = True
        exprs = <const char **>malloc(max(n, 1) * sizeof(char *))
        c_flags = <unsigned int *>malloc(max(n, 1) * sizeof(unsigned int))
        c_ids = <unsigned int *>malloc(max(n, 1) * sizeof(unsigned int))
        try:
            if exprs == NULL or c_flags == NULL or c_ids == NULL:
                raise MemoryError()
            found = []
            for i in range(n):
                exprs[i] = <bytes>expressions[i]  # the list keeps the bytes alive
                c_flags[i] = flags[i]
                c_ids[i] = ids[i]
                a = _automaton(expressions[i], flags[i]) if backward else None
                if a is not None and self.dfa[c_ids[i]] == NULL:
                    self.dfa[c_ids[i]] = _dfa(a)
                    c_flags[i] &= ~_FLAG_SOM_LEFTMOST
                    found.append(ids[i])
            self.backward = tuple(found)
            for i in range(256):
                self.word[i] = _WORD is not None and i in _WORD
            with nogil:
                rc = hs_compile_multi(exprs, c_flags, c_ids, n, HS_MODE_BLOCK, NULL,
                                      &self.db, &err)
            if rc != HS_SUCCESS:
                where = err.expression if err != NULL else -1
                if err != NULL:
                    hs_free_compile_error(err)
                raise HyperscanError(f"libhs could not compile the patterns (error {rc}, "
                                     f"expression {where})")
        finally:
            free(exprs)
            free(c_flags)
            free(c_ids)
        if hs_alloc_scratch(self.db, &self.proto) != HS_SUCCESS:
            raise MemoryError()

    def __dealloc__(self):
        if self.spare != NULL:
            hs_free_scratch(self.spare)
        if self.proto != NULL:
            hs_free_scratch(self.proto)
        if self.db != NULL:
            hs_free_database(self.db)
        cdef int p
        free(self.kind_of)
        free(self.multi)
        if self.dfa != NULL:
            for p in range(self.n_patterns):
                _free_dfa(self.dfa[p])
            free(self.dfa)

    cdef hs_scratch_t *_take(self) except NULL:
        cdef hs_scratch_t *s = self.spare
        if s != NULL:
            self.spare = NULL
            return s
        if hs_clone_scratch(self.proto, &s) != HS_SUCCESS:
            raise MemoryError()
        return s

    cdef void _give(self, hs_scratch_t *s):
        if self.spare == NULL:
            self.spare = s
        else:
            hs_free_scratch(s)

    def candidates(self, str text, list extra=None):
        """Leftmost-longest, non-overlapping (start, end) character spans per kind.

        ``extra``: the matches of the patterns not scanned here (text.py runs them through
        ``re``), as (pattern id, start, end) tuples in any order."""
        cdef Py_ssize_t length = PyUnicode_GET_LENGTH(text)
        cdef unsigned char *own = NULL
        cdef const unsigned char *data
        cdef Hits hits
        cdef hs_scratch_t *scratch
        cdef hs_error_t rc
        cdef int kind = PyUnicode_KIND(text)
        cdef Py_ssize_t i
        cdef uint32_t c
        cdef long pid
        cdef size_t n_extra, j
        cdef long long s
        cdef uint64_t end
        cdef const Dfa *d
        cdef bint lost = False
        if length > <Py_ssize_t>LOW:
            raise OverflowError("text too long for one Hyperscan scan")
        if kind == PyUnicode_1BYTE_KIND:
            # Latin-1 characters are their own byte: the str's own buffer is what
            # text.one_byte_per_char would give.
            data = <const unsigned char *>PyUnicode_DATA(text)
        else:
            own = <unsigned char *>malloc(length + 1)
            if own == NULL:
                raise MemoryError()
            _one_byte_per_char(text, kind, length, own)
            data = own
        hits.items = NULL
        hits.n = hits.cap = 0
        hits.nomem = False
        try:
            if extra:
                for t in extra:
                    pid = t[0]
                    if not 0 <= pid < self.n_patterns:
                        raise ValueError("a match's pattern id has no kind")
                    if _add(&hits, <uint32_t>pid, t[1], t[2]) < 0:
                        raise MemoryError()
            n_extra = hits.n
            scratch = self._take()
            with nogil:
                rc = hs_scan(self.db, <const char *>data, <unsigned int>length, 0, scratch,
                             _on_match, &hits)
                if rc == HS_SUCCESS:
                    # Libhs gave the ends only, for the patterns with a reversed DFA.
                    for j in range(n_extra, hits.n):
                        d = self.dfa[hits.items[j].id]
                        if d != NULL:
                            end = LOW - (hits.items[j].key & LOW)
                            s = _leftmost(d, data, length, end, self.word)
                            if s < 0:
                                lost = True
                                break
                            hits.items[j].key = (<uint64_t>s << 32) | (hits.items[j].key & LOW)
            self._give(scratch)
            if hits.nomem:
                raise MemoryError()
            if rc != HS_SUCCESS:
                raise HyperscanError(f"libhs scan failed (error {rc})")
            if lost:  # a DFA that disagrees with libhs: a bug here, never a different answer
                raise HyperscanError("a match's start was not found backwards")
            return self._reduce(&hits, data)
        finally:
            free(hits.items)
            free(own)

    cdef dict _reduce(self, Hits *hits, const unsigned char *data):
        cdef size_t n = hits.n, i, j, total, m
        cdef int p, k, n_pat = self.n_patterns
        cdef size_t *start = <size_t *>calloc(n_pat + 1, sizeof(size_t))
        cdef size_t *count = <size_t *>calloc(n_pat + 1, sizeof(size_t))
        cdef uint64_t *keys = <uint64_t *>malloc(max(n, 1) * sizeof(uint64_t))
        cdef uint64_t *tmp = NULL
        cdef int *order = <int *>malloc(max(self.n_kinds, 1) * sizeof(int))
        cdef int n_order = 0
        cdef bint *seen = <bint *>calloc(max(self.n_kinds, 1), sizeof(bint))
        cdef dict out = {}
        cdef list spans
        try:
            if start == NULL or count == NULL or keys == NULL or order == NULL or seen == NULL:
                raise MemoryError()
            with nogil:
                # Bucket the keys by pattern id (a counting sort: one pass to count, one to
                # place), then sort and reduce each bucket.
                for i in range(n):
                    start[hits.items[i].id + 1] += 1
                for p in range(n_pat):
                    start[p + 1] += start[p]
                for i in range(n):
                    p = hits.items[i].id
                    keys[start[p] + count[p]] = hits.items[i].key
                    count[p] += 1
                for p in range(n_pat):
                    m = count[p]
                    if m == 0:
                        continue
                    _sort(keys + start[p], m)
                    if p == self.email_id:
                        m = _email_starts(keys + start[p], m, data)
                        _sort(keys + start[p], m)
                    m = _leftmost_longest(keys + start[p], m) if m else 0
                    count[p] = m
                    k = self.kind_of[p]
                    if m and not seen[k]:
                        seen[k] = True
                        order[n_order] = k
                        n_order += 1
            for j in range(n_order):
                k = order[j]
                total = 0
                for p in range(n_pat):
                    if self.kind_of[p] == k:
                        total += count[p]
                if self.multi[k] and total > 1:
                    # Each pattern's spans in pattern order, then leftmost-longest across them.
                    free(tmp)
                    tmp = <uint64_t *>malloc(total * sizeof(uint64_t))
                    if tmp == NULL:
                        raise MemoryError()
                    total = 0
                    for p in range(n_pat):
                        if self.kind_of[p] == k and count[p]:
                            memcpy(tmp + total, keys + start[p], count[p] * sizeof(uint64_t))
                            total += count[p]
                    _sort(tmp, total)
                    total = _leftmost_longest(tmp, total)
                    out[self.kind_names[k]] = _spans(tmp, total)
                else:
                    spans = []
                    for p in range(n_pat):
                        if self.kind_of[p] == k and count[p]:
                            spans += _spans(keys + start[p], count[p])
                    out[self.kind_names[k]] = spans
            return out
        finally:
            free(start)
            free(count)
            free(keys)
            free(tmp)
            free(order)
            free(seen)


cdef list _spans(const uint64_t *a, size_t n):
    cdef list out = []
    cdef size_t i
    for i in range(n):
        out.append((<Py_ssize_t>(a[i] >> 32), <Py_ssize_t>(LOW - (a[i] & LOW))))
    return out


cdef void _one_byte_per_char(str text, int kind, Py_ssize_t length, unsigned char *out):
    """As text.one_byte_per_char: a Latin-1 character is itself, any other one byte 0x80."""
    cdef Py_ssize_t i
    cdef uint32_t c
    cdef const unsigned short *u2
    cdef const uint32_t *u4
    if kind == PyUnicode_2BYTE_KIND:
        u2 = <const unsigned short *>PyUnicode_DATA(text)
        for i in range(length):
            c = u2[i]
            out[i] = <unsigned char>c if c < 256 else 0x80
    else:
        u4 = <const uint32_t *>PyUnicode_DATA(text)
        for i in range(length):
            c = u4[i]
            out[i] = <unsigned char>c if c < 256 else 0x80
