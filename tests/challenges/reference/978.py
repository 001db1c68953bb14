def max_subarray_sum(nums):
    if not nums:
        raise ValueError("empty list")
    best = current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best
