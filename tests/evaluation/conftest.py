import pytest

from accounts.enums import Role
from tests.evaluation.factories import ApplicationFactory, committee_with_members
from tests.factories import CallFactory


@pytest.fixture
def staff(users):
    return users[Role.STAFF]


@pytest.fixture
def call(catalogue):
    """A call whose close has passed: screening release and evaluation are allowed."""
    return CallFactory(slots=2, budget_envelope_krw=1_000_000_000, closed=True)


@pytest.fixture
def committee(call, staff):
    return committee_with_members(call, n=5, actor=staff)


@pytest.fixture
def applications(call):
    return [ApplicationFactory(call=call) for _ in range(5)]
