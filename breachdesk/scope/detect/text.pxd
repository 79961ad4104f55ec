# C types for text.py when Cython compiles it (an augmenting .pxd: text.py stays plain Python
# and runs unchanged without it). The validation loop and the context-word scan only; the
# functions the tests call (_validate, _resolve_overlaps, ...) are cpdef.
import cython

cdef bint _COMPILED


cdef class _Words:
    cdef readonly tuple words
    cdef readonly object regex
    cdef readonly bint by_hand
    cdef readonly tuple by_first

    @cython.locals(hit=int)
    cpdef bint found(self, str text, Py_ssize_t lo, Py_ssize_t hi, bint lowered) except -1


@cython.locals(alnum_before=bint, p=Py_ssize_t, c=long, group=tuple, w=str, n=Py_ssize_t,
               j=Py_ssize_t, d=long)
cpdef int _scan_words(tuple by_first, str text, Py_ssize_t lo, Py_ssize_t hi) except? -2


@cython.locals(s=Py_ssize_t, e=Py_ssize_t, w=Py_ssize_t, lo=Py_ssize_t, ctx=_Words, neg=_Words,
               raw=str, src=str, lowered=bint)
cpdef _validate(k, str text, str lower, list spans, list out)

@cython.locals(s=Py_ssize_t, e=Py_ssize_t, w=Py_ssize_t, lo=Py_ssize_t, ctx=_Words, raw=str,
               src=str, lowered=bint, prev_end=Py_ssize_t, ps=Py_ssize_t, pe=Py_ssize_t)
cpdef _validate_in_context(k, str text, str lower, list spans, list out)

@cython.locals(n=Py_ssize_t, start=Py_ssize_t, stop=Py_ssize_t)
cpdef tuple _after_label(str text, Py_ssize_t end)
