# C types for text.py when Cython compiles it (an augmenting .pxd: text.py stays plain Python
# and runs unchanged without it). The validation loop, the context-word scan, overlaps and the
# findings' rows and columns; the functions the tests call (_validate, _resolve_overlaps, ...)
# are cpdef.
import cython

from breachdesk.scope.detect.validators cimport check

cdef bint _COMPILED


cdef class _Words:
    cdef readonly tuple words
    cdef readonly object regex
    cdef readonly bint by_hand
    cdef readonly tuple by_first
    cdef readonly bytes starts

    @cython.locals(hit=int)
    cpdef bint found(self, str text, Py_ssize_t lo, Py_ssize_t hi, bint lowered) except -1


@cython.locals(alnum_before=bint, p=Py_ssize_t, ch=Py_UCS4, c=long, group=tuple, w=str, n=Py_ssize_t,
               j=Py_ssize_t, d=long, by_first=tuple, starts=bytes)
cpdef int _scan_words(_Words words, str text, Py_ssize_t lo, Py_ssize_t hi) except? -2


cdef class _Kind:
    cdef readonly Py_ssize_t index
    cdef readonly str name
    cdef readonly str category
    cdef readonly object validate
    cdef readonly int code
    cdef readonly _Words ctx
    cdef readonly _Words neg
    cdef readonly Py_ssize_t window
    cdef readonly bint required
    # Python floats: each finding holds the same float object, not a new one.
    cdef readonly object conf
    cdef readonly object conf_ctx
    cdef readonly bint label
    cdef readonly bint nino
    cdef readonly bint keyword


cdef object _check(_Kind k, str text, Py_ssize_t s, Py_ssize_t e)

@cython.locals(span=tuple, s=Py_ssize_t, e=Py_ssize_t, w=Py_ssize_t, lo=Py_ssize_t, ctx=_Words,
               neg=_Words, raw=str, src=str, lowered=bint)
cpdef _validate(_Kind k, str text, str lower, list spans, list out)

@cython.locals(span=tuple, s=Py_ssize_t, e=Py_ssize_t, w=Py_ssize_t, lo=Py_ssize_t, ctx=_Words,
               raw=str, src=str, lowered=bint, prev_end=Py_ssize_t, ps=Py_ssize_t,
               pe=Py_ssize_t)
cpdef _validate_in_context(_Kind k, str text, str lower, list spans, list out)

@cython.locals(n=Py_ssize_t, start=Py_ssize_t, stop=Py_ssize_t)
cpdef tuple _after_label(str text, Py_ssize_t end)

@cython.locals(m=tuple, k=_Kind, out=list, rows=list, c=double)
cpdef list _rows(list found, list addresses, list people, double min_confidence)

@cython.locals(m=tuple, k=_Kind, rows=list, c=double, start=list, end=list, detector=list,
               category=list, confidence=list, value=list)
cpdef list _columns(list found, list addresses, list people, double min_confidence)

@cython.locals(keyword=list, ids=list)
cpdef list _resolve_overlaps(list found)

@cython.locals(kept=list, first=tuple, cluster=list, top=Py_ssize_t, m=tuple, s=Py_ssize_t,
               e=Py_ssize_t)
cpdef list _resolve_ids(list ids)

@cython.locals(kept=list, m=tuple, k=tuple, s=Py_ssize_t, e=Py_ssize_t)
cpdef list _resolve_cluster(list cluster)
