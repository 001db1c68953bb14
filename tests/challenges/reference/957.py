import re
from collections import Counter


def word_frequencies(text):
    return dict(Counter(re.findall(r"[\w']+", text.lower())))
