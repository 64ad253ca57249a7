"""Generators and coroutines."""


def generator(x):
    y = x + 1.0
    yield y  # BAD[P2W007]


async def coroutine(x):  # BAD[P2W007]
    return x + 1.0


def gen_result(x):
    return (i * x for i in range(3))  # BAD[P2W010]
