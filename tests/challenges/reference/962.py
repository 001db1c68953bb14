def fib_iterative(n):
    if n < 0:
        raise ValueError("n must not be negative")
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def fib_recursive(n):
    if n < 0:
        raise ValueError("n must not be negative")
    if n < 2:
        return n
    return fib_recursive(n - 1) + fib_recursive(n - 2)
