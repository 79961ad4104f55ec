from tests.web.aftercare.care_helpers import _fresh_cache, people, plan, support_request, told  # noqa: F401
