"""Registers the monitoring endpoints on the API's root router."""


def register(router):
    pass
