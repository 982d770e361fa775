"""Registers the products endpoints on the API's root router."""


def register(router):
    pass
