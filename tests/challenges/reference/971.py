def power(x, n):
    if n < 0:
        if x == 0:
            raise ZeroDivisionError("0 cannot be raised to a negative power")
        return 1 / power(x, -n)
    result = 1
    while n:
        if n & 1:
            result *= x
        x *= x
        n >>= 1
    return result
