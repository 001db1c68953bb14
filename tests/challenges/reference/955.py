def largest_and_smallest(numbers):
    if not numbers:
        raise ValueError("empty list")
    largest = smallest = numbers[0]
    for x in numbers[1:]:
        if x > largest:
            largest = x
        if x < smallest:
            smallest = x
    return (largest, smallest)
