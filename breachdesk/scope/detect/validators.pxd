# C types for validators.py when Cython compiles it (an augmenting .pxd: validators.py stays
# plain Python and runs unchanged without it). The validators, and the helpers the tests call,
# are cpdef: callable from Python as before.
import cython

cdef bint _COMPILED


cpdef compact(str value)

cdef bint _is_separator(Py_ssize_t c) noexcept

@cython.locals(kept=Py_ssize_t, lower=bint, ch=Py_UCS4, c=long, i=Py_ssize_t, out=bytearray)
cpdef str _compact_ascii(str value)

cpdef bint _ascii_digits(str v)
@cython.locals(first=Py_UCS4, ch=Py_UCS4)
cpdef bint _all_same(str v) except -1

@cython.locals(ch=Py_UCS4, c=long)
cpdef bint _isdigit(str v) except -1

@cython.locals(total=long, i=Py_ssize_t)
cpdef bint _nhs_valid(str v) except -1

@cython.locals(total=long, i=Py_ssize_t)
cpdef bint _utr_valid(str v) except -1

@cython.locals(total=long, double=bint, i=Py_ssize_t, d=long)
cpdef bint _luhn_valid(str v) except -1

@cython.locals(r=long, n=Py_ssize_t, i=Py_ssize_t, c=long)
cpdef long _iban_mod97(str v) except -1

@cython.locals(v=str)
cpdef nino(str value)

@cython.locals(n=Py_ssize_t, i=Py_ssize_t, c=long)
cpdef bint _nino_shape(str v) noexcept

@cython.locals(v=str)
cpdef nhs_number(str value)

@cython.locals(v=str)
cpdef utr(str value)

@cython.locals(n=Py_ssize_t, p2=long, p3=long, p4=long, p6=long)
cpdef card_issuer(str digits)

@cython.locals(v=str)
cpdef payment_card(str value)

@cython.locals(v=str)
cpdef iban(str value)

@cython.locals(v=str)
cpdef sort_code(str value)

@cython.locals(v=str)
cpdef account_number(str value)

@cython.locals(v=str)
cpdef passport(str value)

@cython.locals(v=str)
cpdef driving_licence(str value)

@cython.locals(i=Py_ssize_t, c=long, letter=bint, ok=bint, month=long, day=long,
               decade_year=long)
cpdef bint _dvla_ascii(str v) except -1

@cython.locals(i=Py_ssize_t)
cpdef long _vrm_current_age(str v) except? -2

@cython.locals(v=str, age=long, year=long)
cpdef _vehicle_registration(str value, today)

@cython.locals(v=str)
cpdef postcode(str value)

@cython.locals(n=Py_ssize_t, a=Py_UCS4, b=Py_UCS4, c=Py_UCS4, ok=bint)
cpdef bint _postcode_shape(str v) except -1

@cython.locals(v=str)
cpdef email(str value)

@cython.locals(a=long, b=long)
cpdef str _email_stripped(str value)

cdef bint _is_alnum(Py_ssize_t c) noexcept

@cython.locals(n=Py_ssize_t, at=Py_ssize_t, c=long, labels=Py_ssize_t, start=Py_ssize_t,
               i=Py_ssize_t, j=Py_ssize_t, size=Py_ssize_t)
cpdef bint _email_shape(str v) except -1

cpdef ip_address(str value)
cpdef _ipv4(str value)

@cython.locals(dots=int, digits=int, num=long, first=long, top=long, lead=long, ch=Py_UCS4,
               c=long)
cpdef _ipv4_scan(str value)

@cython.locals(kept=Py_ssize_t, ch=Py_UCS4, i=Py_ssize_t, out=bytearray)
cpdef str _phone_chars(str value)

@cython.locals(digits=str, national=str)
cpdef phone(str value)

cpdef _date_of_birth(str value, today)

@cython.locals(now=long)
cpdef _today()

cdef bint _is_space(Py_ssize_t c) noexcept

cdef bint _is_digit(Py_ssize_t c) noexcept

cdef bint _is_letter(Py_ssize_t c) noexcept

@cython.locals(n=long, k=Py_ssize_t)
cdef long _number(str v, Py_ssize_t i, Py_ssize_t j) except? -1

cdef Py_ssize_t _skip_digits(str v, Py_ssize_t i, Py_ssize_t n) except? -1
cdef Py_ssize_t _skip_letters(str v, Py_ssize_t i, Py_ssize_t n) except? -1
cdef Py_ssize_t _skip_spaces(str v, Py_ssize_t i, Py_ssize_t n) except? -1
cdef Py_ssize_t _skip_ordinal(str v, Py_ssize_t i, Py_ssize_t n) except? -2

cdef long _days_in_month(long y, long mo) noexcept

@cython.locals(lo=Py_ssize_t, n=Py_ssize_t, i=Py_ssize_t, j=Py_ssize_t, k=Py_ssize_t,
               p=Py_ssize_t, q=Py_ssize_t, r=Py_ssize_t, na=Py_ssize_t, nb=Py_ssize_t,
               nc=Py_ssize_t, a=long, b=long, c=long, y=long, mo=long, d=long,
               mon=str)
cpdef _ascii_date_of_birth(str value, long ty, long tm, long td)


@cython.locals(v=str)
cpdef password_hash(str value)

@cython.locals(v=str, c=Py_UCS4)
cpdef secret(str value)

# The text scanner's dispatch: text.pxd cimports ``check``.
cdef int NO_CHECK, EMAIL, PHONE, POSTCODE, DATE_OF_BIRTH, NINO, NHS_NUMBER, UTR, PAYMENT_CARD
cdef int IBAN, SORT_CODE, ACCOUNT_NUMBER, PASSPORT, DRIVING_LICENCE, VEHICLE_REGISTRATION
cdef int IP_ADDRESS, SECRET, PASSWORD_HASH

@cython.locals(value=str)
cpdef check(int code, str text, Py_ssize_t s, Py_ssize_t e)
