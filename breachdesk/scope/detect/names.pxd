# C types for names.py when Cython compiles it (an augmenting .pxd: names.py stays plain Python
# and runs unchanged without it). Module-level names that other modules or the tests import
# (LOOKBACK, find_names, find_addresses, merge_spans, warm_up, _Spans, _start_longest) and the
# memos (_spans, _words) stay Python objects.
import cython


cdef Py_ssize_t _WINDOW, _CUE_LONGEST, _SIGN_OFF_LONGEST, _NEVER
cdef dict _CUES_BY_LAST_WORD
cdef tuple _CONFIDENCES
cdef tuple _SIGN_OFF_PHRASES
cdef frozenset _LEAD_WORDS


cdef class _Spans:
    cdef list starts
    cdef list max_end
    cdef Py_ssize_t before

    @cython.locals(starts=list, k=Py_ssize_t, n=Py_ssize_t, v=Py_ssize_t)
    cpdef bint overlaps(self, Py_ssize_t s, Py_ssize_t e) except -1

    @cython.locals(starts=list, max_end=list, n=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t, m=Py_ssize_t,
                   va=Py_ssize_t, vb=Py_ssize_t, top=Py_ssize_t, e=Py_ssize_t, span=tuple)
    cdef int _fill(self, list spans, Py_ssize_t k) except -1


@cython.locals(n=Py_ssize_t, prev=Py_ssize_t, v=Py_ssize_t, span=tuple)
cdef Py_ssize_t _run_end(list spans, Py_ssize_t i) except -1


@cython.locals(out=list, spans=list, done_until=Py_ssize_t, blocked=_Spans, n=Py_ssize_t,
               memo=dict, s=Py_ssize_t, e=Py_ssize_t, ms=Py_ssize_t, me=Py_ssize_t, half=Py_ssize_t)
cpdef list find_names(str text, titled, seqs, taken)

@cython.locals(out=list, i=Py_ssize_t, n=Py_ssize_t, next_a=Py_ssize_t, s=Py_ssize_t, x=tuple,
               y=tuple)
cpdef list merge_spans(a, b)

@cython.locals(span=str, lead=Py_ssize_t, score=double, street=bint, vocab=double,
               ns=Py_ssize_t)
cdef (Py_ssize_t, Py_ssize_t) _score(str text, Py_ssize_t s, Py_ssize_t e, first, last, dict memo) except *

@cython.locals(lo=Py_ssize_t, end=Py_ssize_t, word=Py_ssize_t, score=double, tok=str, kind=int)
cdef double _context(str text, Py_ssize_t ns) except? -1

cdef int _BEFORE_PLAIN, _BEFORE_LEAD, _BEFORE_CUE
cdef dict _befores

@cython.locals(low=str, kind=int, q=Py_ssize_t)
cdef int _before_kind(str tok) except -1

@cython.locals(i=Py_ssize_t, c=Py_UCS4)
cdef bint _house_before(str text, Py_ssize_t lo, Py_ssize_t ns) except -1

@cython.locals(cue=str, st=Py_ssize_t, phrase=str, n=Py_ssize_t, q=Py_ssize_t)
cdef bint _cue_before(str text, Py_ssize_t lo, Py_ssize_t word, Py_ssize_t end, Py_ssize_t ns,
                      str tok, str low) except -1

@cython.locals(stop=Py_ssize_t, tail=str, n=Py_ssize_t)
cdef bint _sign_off_before(str text, Py_ssize_t lo, Py_ssize_t end, Py_ssize_t ns) except -1


@cython.locals(out=list, covered=list, cover=_Spans, pc_start=Py_ssize_t, pc_end=Py_ssize_t,
               s=Py_ssize_t, e=Py_ssize_t, end=Py_ssize_t, seg=str)
cpdef list find_addresses(str text, postcodes, streets)

@cython.locals(lo=Py_ssize_t, before=str, cut=Py_ssize_t, walked=tuple, lines=Py_ssize_t,
               digit=bint)
cdef object _extend_back(str text, Py_ssize_t pc_start)

@cython.locals(lines=Py_ssize_t, numbered=bint, unit=bint, n=Py_ssize_t, e=Py_ssize_t,
               sep=Py_ssize_t, s=Py_ssize_t, end=Py_ssize_t, seg=str, words=list, head=str,
               ascii=bint, by_hand=bint, nwords=Py_ssize_t, h=Py_ssize_t, k=Py_ssize_t)
cdef tuple _walk_back(str before, Py_ssize_t cut)

@cython.locals(raw=str, value=str)
cdef tuple _address(str text, Py_ssize_t s, Py_ssize_t e, conf)

@cython.locals(words=list, e=Py_ssize_t, s=Py_ssize_t)
cpdef bint _is_street_line(str seg) except -1

# The address patterns by hand (cpdef: the tests compare them with the regexes).
cdef bint _COMPILED
cdef tuple _UNIT_WORDS, _LINE_UNIT_WORDS, _BUILDING_WORDS

cdef bint _ascii_letter(Py_UCS4 c) noexcept
cdef bint _ascii_word(Py_UCS4 c) noexcept

cdef Py_ssize_t _digits_end(str s, Py_ssize_t i, Py_ssize_t end) except -1

@cython.locals(w=str, j=Py_ssize_t, k=Py_ssize_t)
cdef Py_ssize_t _unit_end(str s, Py_ssize_t i, Py_ssize_t end, tuple words) except -2

@cython.locals(c=Py_UCS4)
cdef bint _line_tail(str s, Py_ssize_t j, Py_ssize_t end) except -1

@cython.locals(n=Py_ssize_t, end=Py_ssize_t, c=Py_UCS4, j=Py_ssize_t, k=Py_ssize_t, ok=bint,
               words=Py_ssize_t)
cpdef Py_ssize_t _address_line_words(str s, Py_ssize_t i) except -1

@cython.locals(n=Py_ssize_t, c=Py_UCS4, j=Py_ssize_t)
cdef Py_ssize_t _house_start_end(str s, Py_ssize_t p) except -2

@cython.locals(last=Py_ssize_t, resume=Py_ssize_t, p=Py_ssize_t, e=Py_ssize_t, word=bint, c=Py_UCS4)
cpdef Py_ssize_t _last_house_start(str s) except -2

@cython.locals(n=Py_ssize_t, end=Py_ssize_t, w=str, st=Py_ssize_t)
cpdef bint _building_end(str s) except -1

cpdef bint _has_digit(str s, Py_ssize_t i, Py_ssize_t end) except -1

@cython.locals(prev=int, lines=bint, n=Py_ssize_t, parts=list, kept=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t,
               c=Py_UCS4, line=bint)
cpdef str _address_value(str raw)

@cython.locals(w=str)
cdef bint _has_street_word(str body) except -1

cdef int _LEAD_NONE, _LEAD_CUE, _LEAD_SKIP

@cython.locals(info=tuple, w=str, low=str)
cdef tuple _word(str word)

@cython.locals(words=list, memo=dict, infos=list, info=tuple, score=double, lead=Py_ssize_t,
               i=Py_ssize_t, core=list, vocab=double, w=str)
cdef tuple _score_words(str span, first, last)

@cython.locals(span=str, prev=bint, c=Py_UCS4)
cpdef str _one_spaced(str text, Py_ssize_t s, Py_ssize_t e)
