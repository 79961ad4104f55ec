"""Assertions shared by the API tests."""


def shape_of(response) -> dict:
    """The error body, after checking it has the one error shape."""
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"status", "code", "message", "fields"}
    assert error["status"] == response.status_code
    assert isinstance(error["code"], str) and error["code"]
    assert isinstance(error["message"], str) and error["message"]
    for item in error["fields"]:
        assert set(item) == {"field", "message"}
    return error


def fields_of(response) -> dict:
    return {f["field"]: f["message"] for f in shape_of(response)["fields"]}
