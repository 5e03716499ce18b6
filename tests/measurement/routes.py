ROUTES = {
    "measurement:dashboard": {
        "kwargs": lambda cast: {"slug": cast.programme.slug},
        "methods": ["GET"],
        "perm": "view",
    },
}
