from collections import Counter


def are_anagrams(a, b):
    return Counter(a) == Counter(b)
