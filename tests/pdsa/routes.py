ROUTES = {
    "pdsa:wall": {
        "kwargs": lambda cast: {"slug": cast.programme.slug},
        "methods": ["GET"],
        "perm": "view",
    },
}
