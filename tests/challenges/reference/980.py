def intersection(a, b):
    return list(set(a) & set(b))
